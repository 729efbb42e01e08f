using Cordon.Cli;

return await CordonCli.RunAsync(args, Console.Out, Console.Error, Console.In);
