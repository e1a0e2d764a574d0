using EscalationForecast.Cli;

return await CliRoot.RunAsync(CliRoot.Create(), args);
