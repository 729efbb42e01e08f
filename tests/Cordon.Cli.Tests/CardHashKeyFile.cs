namespace Cordon.Cli.Tests;

/// <summary>The test classes that point <c>Cordon__Cards__HashKeyFile</c> at a folder of their own, run one after the other.</summary>
[CollectionDefinition(Collection)]
public sealed class CardHashKeyFile
{
    public const string Collection = "card hash key file";
}
