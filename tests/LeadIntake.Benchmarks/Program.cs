namespace LeadIntake.Benchmarks; static class Program { static void Main() {} }
