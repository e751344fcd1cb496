namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Polls an asynchronous condition until it holds or a deadline passes (for work done by background listeners).</summary>
public static class Eventually
{
    /// <summary>Returns the first non-null value of <paramref name="probe"/>; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
