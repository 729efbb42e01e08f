using System.IO.Compression;
using System.Text;
using Cordon.Application.Cases;
using Cordon.Application.Evidence;
using Cordon.Application.Members;
using Cordon.Core.Evidence;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Tests;

/// <summary>
/// An evidence package of a case with notes and attachments verifies with nothing but the file; changing any byte of
/// any file in it, removing a file or adding one makes the check fail and name the file.
/// </summary>
public sealed class EvidencePackageTests
{
    private sealed record Setup(TestDatabase Database, Caller Owner, Caller Other, Guid CaseId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private static async Task<Setup> SetupAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var services = new TestServices(database, new FakeClock());
        await services.Get<NodeBootstrap>().EnsureAsync(new BootstrapSettings("Node", "GB", null));
        var node = await services.Db.Organisations.SingleAsync();
        var operatorActor = new Actor(node.Id, ActorKind.Cli, "tester", RoleSet.ToFlags([Role.Admin]), IsNodeOperator: true);
        var directory = services.Get<MemberDirectory>();
        var police = await directory.CreateOrganisationAsync(operatorActor, "Evidence Police", Sector.LawEnforcement, "GB");
        var bank = await directory.CreateOrganisationAsync(operatorActor, "Evidence Bank", Sector.Bank, "DE");
        var callers = services.Get<CallerDirectory>();
        var owner = await callers.ForAsync(new Actor(police.Id, ActorKind.Cli, "officer", RoleSet.ToFlags([Role.Analyst]), false), CancellationToken.None);
        var other = await callers.ForAsync(new Actor(bank.Id, ActorKind.Cli, "analyst", RoleSet.ToFlags([Role.Analyst]), false), CancellationToken.None);
        var cases = services.Get<CaseService>();
        var created = await cases.CreateAsync(owner, new CaseSubmission(Category.InvestmentScam, new Money(48_000m, "GBP"), "GB",
            new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), Tlp.Green, Distribution.Node, null,
            [new CaseIdentifierInput(IdentifierType.Phone, "+44 7700 900456")], "CR-2026-1187", "Fake trading platform; victim wired savings.", null));
        await cases.AddNoteAsync(owner, created.Case.Id, "Victim interviewed; bank statements attached.");
        await cases.AttachAsync(owner, created.Case.Id, "statement.pdf", "application/pdf", Encoding.UTF8.GetBytes("%PDF-1.7 statement of account"));
        await cases.AttachAsync(owner, created.Case.Id, "chat.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        return new Setup(database, owner, other, created.Case.Id);
    }

    private static async Task<byte[]> PackageAsync(Setup setup, Caller caller)
    {
        await using var services = new TestServices(setup.Database, TimeProvider.System);
        using var zip = new MemoryStream();
        await services.Get<EvidencePackages>().ForCaseAsync(caller, setup.CaseId, zip);
        return zip.ToArray();
    }

    private static EvidenceVerification Verify(byte[] package) => EvidenceVerifier.Verify(new MemoryStream(package));

    [Fact]
    public async Task APackage_VerifiesOffline_AndHoldsTheCaseItsNotesAndAttachments()
    {
        await using var setup = await SetupAsync();
        var package = await PackageAsync(setup, setup.Owner);

        var result = Verify(package);

        Assert.True(result.Ok, string.Join("; ", result.Problems));
        using var zip = new ZipArchive(new MemoryStream(package));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("case.json", names);
        Assert.Contains("case.en.html", names);
        Assert.Contains("case.zh.html", names);
        Assert.Equal(2, names.Count(n => n.StartsWith("attachments/", StringComparison.Ordinal)));
        Assert.Contains(names, n => n.StartsWith("audit/content/case-", StringComparison.Ordinal));
        Assert.True(result.RecordsChecked >= 4); // created, noted, two attachments, and the export itself
        await using var db = setup.Database.Open();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "case.evidence_export"));
    }

    [Fact]
    public async Task ChangingAnyByteOfAnyFile_FailsTheCheck_AndNamesTheFile()
    {
        await using var setup = await SetupAsync();
        var package = await PackageAsync(setup, setup.Owner);
        List<(string Name, byte[] Content)> files;
        using (var zip = new ZipArchive(new MemoryStream(package)))
        {
            files = zip.Entries.Select(e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return (e.FullName, copy.ToArray());
            }).ToList();
        }

        foreach (var (name, _) in files)
        {
            var altered = Rebuild(files.Select(f => f.Name == name ? (f.Name, Flip(f.Content)) : f));
            var result = Verify(altered);
            Assert.False(result.Ok, $"a changed byte in {name} went unnoticed");
            Assert.Contains(result.Problems, p => p.Contains(name, StringComparison.Ordinal)
                                                  || (name == EvidenceManifest.SignaturePath && p.Contains(EvidenceManifest.ManifestPath, StringComparison.Ordinal)));
        }
        var withoutKey = Verify(Rebuild(files.Where(f => f.Name != EvidenceManifest.PublicKeyPath)));
        Assert.False(withoutKey.Ok); // no key in the package turns no check off
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var untrusted = EvidenceVerifier.Verify(new MemoryStream(package), stranger.ExportSubjectPublicKeyInfo());
        Assert.Contains(untrusted.Problems, p => p.Contains("not the key you trust", StringComparison.Ordinal));
        var missing = Verify(Rebuild(files.Where(f => f.Name != "case.json")));
        Assert.Contains("missing: case.json", missing.Problems);
        var added = Verify(Rebuild([.. files, ("attachments/extra.txt", "planted"u8.ToArray())]));
        Assert.Contains(added.Problems, p => p.StartsWith("added: attachments/extra.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherMembersPackage_HoldsOnlyWhatItMaySee_AndStillVerifies()
    {
        await using var setup = await SetupAsync();
        var package = await PackageAsync(setup, setup.Other);

        var result = Verify(package);

        Assert.True(result.Ok, string.Join("; ", result.Problems));
        using var zip = new ZipArchive(new MemoryStream(package));
        var text = string.Join("\n", zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.DoesNotContain("\"officer\"", text, StringComparison.Ordinal); // the police officer's actor name is not the bank's to see
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("audit/content/case-", StringComparison.Ordinal));
    }

    private static byte[] Flip(byte[] content)
    {
        var copy = (byte[])content.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }

    private static byte[] Rebuild(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }
}
