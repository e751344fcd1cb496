using LeadIntake.Training;

return await TrainingCli.InvokeAsync(args, Console.Out, Console.Error);
