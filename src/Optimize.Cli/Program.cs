using Optimize.Cli;

return await CliApp.RunAsync(args);
