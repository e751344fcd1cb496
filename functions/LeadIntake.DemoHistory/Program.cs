using LeadIntake.DemoHistory;

return await DemoHistoryCli.InvokeAsync(args, Console.Out, Console.Error);
