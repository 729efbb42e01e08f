using Cordon.Testing;

namespace Cordon.Cli.Tests;

/// <summary>The test classes that point <c>Cordon__Cards__HashKeyFile</c> at a folder of their own, run one after the other.</summary>
[CollectionDefinition(Collection)]
public sealed class CardHashKeyFile
{
    public const string Collection = "card hash key file";
}

/// <summary>
/// A test class with its own store, a CLI on it and a temporary folder, which also holds the card-hash key file (instead
/// of ./data in the working folder). Classes deriving from it belong to the <see cref="CardHashKeyFile"/> collection.
/// </summary>
public abstract class CliTestWithFolder(string folderPrefix) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected CliRunner Cli { get; private set; } = null!;

    protected string Folder { get; } = Directory.CreateTempSubdirectory(folderPrefix).FullName;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Cli = new CliRunner(Database);
        Environment.SetEnvironmentVariable("Cordon__Cards__HashKeyFile", Path.Combine(Folder, "card-hash.key"));
        Environment.SetEnvironmentVariable("Cordon__Feeds__ImportFolder", Folder);
        Environment.SetEnvironmentVariable("Cordon__Audit__KeyEncryptionKeyFile", Path.Combine(Folder, "audit-signing.kek"));
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
