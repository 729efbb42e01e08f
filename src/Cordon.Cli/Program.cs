namespace Cordon.Cli;

/// <summary>The <c>cordon</c> executable (a named class, so that tests can reference both the CLI and the server).</summary>
public static class EntryPoint
{
    public static Task<int> Main(string[] args) => CordonCli.RunAsync(args, Console.Out, Console.Error, Console.In);
}
