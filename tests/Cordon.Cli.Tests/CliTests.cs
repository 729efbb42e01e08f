using System.Diagnostics;
using System.Text.Json;
using Cordon.Application.Data;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Cli.Tests;

public sealed class CliTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private CliRunner cli = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        cli = new CliRunner(database);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Theory]
    [InlineData("--help")]
    [InlineData("org", "--help")]
    [InlineData("org", "create", "--help")]
    [InlineData("org", "list", "--help")]
    [InlineData("key", "--help")]
    [InlineData("key", "create", "--help")]
    [InlineData("key", "list", "--help")]
    [InlineData("key", "revoke", "--help")]
    [InlineData("user", "create", "--help")]
    [InlineData("community", "create", "--help")]
    [InlineData("community", "list", "--help")]
    [InlineData("audit", "verify", "--help")]
    [InlineData("import", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("screen", "--help")]
    [InlineData("request", "list", "--help")]
    [InlineData("request", "ack", "--help")]
    [InlineData("webhook", "test", "--help")]
    public async Task EveryVerb_HasHelp(params string[] args)
    {
        var (exitCode, output, _) = await cli.RunAsync(args);
        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("org", "create", "--name", "X")]
    [InlineData("org", "create", "--name", "X", "--sector", "spaceship", "--country", "GB")]
    [InlineData("key", "revoke", "not-a-guid")]
    [InlineData("key", "create", "--org", "01a20183-25f0-7f4c-900d-5ab192f9f16c", "--name", "k", "--role", "superuser")]
    public async Task UsageErrors_Exit2(params string[] args)
    {
        var (exitCode, _, error) = await cli.RunAsync(args);
        Assert.Equal(CordonCli.Usage, exitCode);
        Assert.NotEmpty(error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidCountry_Exit2_NamingTheField()
    {
        var (exitCode, _, error) = await cli.RunAsync("org", "create", "--name", "X", "--sector", "bank", "--country", "QQ");
        Assert.Equal(CordonCli.Usage, exitCode);
        Assert.Contains("country", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrgCreate_ThenList_AsJson()
    {
        var (created, createdOutput, createError) = await cli.RunAsync("org", "create", "--name", "Bank of Testing", "--sector", "bank",
            "--country", "hk", "--json");
        Assert.True(created == 0, createError);
        var organisation = JsonDocument.Parse(createdOutput).RootElement[0];
        Assert.Equal("HK", organisation.GetProperty("country").GetString());
        Assert.Equal("bank", organisation.GetProperty("sector").GetString());

        var (listed, listOutput, _) = await cli.RunAsync("org", "list", "--json");
        Assert.Equal(0, listed);
        var names = JsonDocument.Parse(listOutput).RootElement.EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Contains("Bank of Testing", names);
        Assert.Contains("Cordon node operator", names);

        var (duplicate, _, error) = await cli.RunAsync("org", "create", "--name", "Bank of Testing", "--sector", "bank", "--country", "HK");
        Assert.Equal(CordonCli.Failure, duplicate);
        Assert.Contains("exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyCreate_PrintsKeyOnce_ThenRevoke()
    {
        var (_, orgOutput, _) = await cli.RunAsync("org", "create", "--name", "Key Telecom", "--sector", "telecom", "--country", "GB", "--json");
        var organisationId = JsonDocument.Parse(orgOutput).RootElement[0].GetProperty("id").GetString()!;

        var (created, keyOutput, _) = await cli.RunAsync("key", "create", "--org", organisationId, "--name", "call screening",
            "--role", "viewer", "--role", "responder", "--json");
        Assert.Equal(0, created);
        var key = JsonDocument.Parse(keyOutput).RootElement;
        var secret = key.GetProperty("key").GetString()!;
        Assert.StartsWith("cdn_", secret, StringComparison.Ordinal);

        var (_, listOutput, _) = await cli.RunAsync("key", "list", "--org", organisationId, "--json");
        Assert.DoesNotContain(secret, listOutput, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(listOutput).RootElement.EnumerateArray().Single();
        Assert.Equal(["viewer", "responder"], listed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var keyId = key.GetProperty("id").GetString()!;
        Assert.Equal(0, (await cli.RunAsync("key", "revoke", keyId)).ExitCode);
        var (again, _, error) = await cli.RunAsync("key", "revoke", keyId);
        Assert.Equal(CordonCli.Failure, again);
        Assert.Contains("already revoked", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserCreate_ReadsPasswordFromStdin()
    {
        var (_, orgOutput, _) = await cli.RunAsync("org", "create", "--name", "User Org", "--sector", "law_enforcement", "--country", "SG", "--json");
        var organisationId = JsonDocument.Parse(orgOutput).RootElement[0].GetProperty("id").GetString()!;
        var (exitCode, output, error) = await cli.RunWithInputAsync("a long enough password\n", "user", "create", "--org", organisationId,
            "--email", "admin@sg.example", "--name", "First Admin", "--role", "admin", "--password-stdin");
        Assert.True(exitCode == 0, error);
        Assert.Contains("admin@sg.example", output, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.NotNull((await db.Users.SingleAsync()).PasswordHash);
    }

    [Fact]
    public async Task AuditVerify_IsOk_ThenNamesTheAlteredRecord()
    {
        await cli.RunAsync("org", "create", "--name", "Audit One", "--sector", "isp", "--country", "NL");
        await cli.RunAsync("org", "create", "--name", "Audit Two", "--sector", "isp", "--country", "NL");
        var (ok, okOutput, _) = await cli.RunAsync("audit", "verify");
        Assert.Equal(0, ok);
        Assert.StartsWith("OK: 4 audit records", okOutput, StringComparison.Ordinal);

        await AlterAuditRecordAsync(3);

        var (broken, brokenOutput, _) = await cli.RunAsync("audit", "verify");
        Assert.Equal(CordonCli.Failure, broken);
        Assert.Contains("audit record 3", brokenOutput, StringComparison.Ordinal);
        var (_, json, _) = await cli.RunAsync("audit", "verify", "--json");
        Assert.Equal(3, JsonDocument.Parse(json).RootElement.GetProperty("brokenAt").GetInt64());
    }

    /// <summary>Alters a row behind Cordon's back: with the sqlite3 shell on SQLite, with SQL on PostgreSQL.</summary>
    private async Task AlterAuditRecordAsync(long sequence)
    {
        if (database.Options.Provider == StoreProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource;
            var start = new ProcessStartInfo("sqlite3", [file, $"UPDATE audit_records SET ActorId = 'mallory' WHERE Sequence = {sequence};"])
            {
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }
        else
        {
            await using var db = database.Open();
            await db.AuditRecords.Where(a => a.Sequence == sequence).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorId, "mallory"));
        }
    }
}
