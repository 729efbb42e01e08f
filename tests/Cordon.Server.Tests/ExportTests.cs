using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Cordon.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Tests;

/// <summary>Export from the outside: what each organisation may see, in STIX (schema-valid), MISP and CSV that import again.</summary>
public sealed class ExportTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static object Item(string type, string value, string tlp, string distribution) =>
        new { type, value, categories = new[] { "phishing" }, confidence = 70, tlp, distribution };

    private async Task<(string Owner, string Outsider)> SeedAsync(string test)
    {
        var (_, ownerKey) = await app.MemberAsync($"Export Owner Bank ({test})", Sector.Bank, "GB", Role.Analyst);
        var (_, outsiderKey) = await app.MemberAsync($"Export Outsider Telecom ({test})", Sector.Telecom, "HK", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        (await owner.PostAsJsonAsync("/api/v1/indicators", new
        {
            items = new[]
            {
                Item("phone", "+44 20 7946 0999", "green", "node"),
                Item("bank_account", "GB82 WEST 1234 5698 7654 32", "amber", "federation"),
                Item("crypto_wallet", "btc:1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "clear", "node"),
                Item("domain", "export-test-scam.example", "green", "node"),
                Item("url", "https://export-test-scam.example/login?next=%22x%22", "green", "node"),
                Item("handle", "telegram:export_test_mule", "green", "node"),
                Item("domain", "red-only-export.example", "red", "node"),
                Item("payment_card", "4111 1111 1111 1111", "green", "node"),
            },
        })).EnsureSuccessStatusCode();
        return (ownerKey, outsiderKey);
    }

    private async Task<string> ExportAsync(string key, string format)
    {
        using var client = app.ClientWithKey(key);
        var response = await client.GetAsync($"/api/v1/indicators/export?format={format}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    [Fact]
    public async Task TheStixExport_ValidatesAgainstTheOfficialSchemas_AndHoldsOnlyWhatTheCallerMaySee()
    {
        var (ownerKey, outsiderKey) = await SeedAsync("stix");
        var outsider = JsonNode.Parse(await ExportAsync(outsiderKey, "stix"))!;
        Assert.Equal("bundle", outsider["type"]!.GetValue<string>());
        var text = outsider.ToJsonString();
        Assert.Contains("export-test-scam.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("red-only-export.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("payment-card", text, StringComparison.Ordinal);

        var owner = await ExportAsync(ownerKey, "stix");
        Assert.Contains("red-only-export.example", owner, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"cordon-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, owner);
        try
        {
            var validation = await StixSchemaValidator.ValidateAsync(file);
            Assert.True(validation.Ok, validation.ToString());
            Assert.True(validation.Objects >= 14, validation.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheCsvAndMispExports_ImportAgain_IntoTheSameIdentifiers()
    {
        var (ownerKey, _) = await SeedAsync("round trip");
        var csv = await ExportAsync(ownerKey, "csv");
        Assert.StartsWith("type,value,categories,confidence,tlp,distribution,valid_until", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("payment_card", csv, StringComparison.Ordinal);
        var misp = JsonNode.Parse(await ExportAsync(ownerKey, "misp"))!;
        var attributes = misp["Event"]!["Attribute"]!.AsArray();
        Assert.Contains(attributes, a => a!["type"]!.GetValue<string>() == "iban" && a["Tag"]![0]!["name"]!.GetValue<string>() == "tlp:amber");
        Assert.Contains(attributes, a => a!["type"]!.GetValue<string>() == "btc" && a["value"]!.GetValue<string>() == "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");

        foreach (var (format, body, media) in new[] { ("csv", csv, "text/csv"), ("misp", misp.ToJsonString(), "application/json") })
        {
            var (importerId, importerKey) = await app.MemberAsync($"Export Reimporter {format}", Sector.Bank, "SG", Role.Analyst);
            using var importer = app.ClientWithKey(importerKey);
            var report = await CordonApp.ReadAsync<JsonObject>(await importer.PostAsync(
                $"/api/v1/indicators/import?format={format}&category=other&distribution=node", new StringContent(body, Encoding.UTF8, media)));
            // The handle has no MISP type: it goes out as text with a comment and is refused on the way back in.
            var expectedRejected = format == "misp" ? 1 : 0;
            Assert.True(report["rejected"]!.GetValue<long>() == expectedRejected, report.ToJsonString());
            await using var db = app.Database.Open();
            var imported = await db.Indicators.AsNoTracking().Where(i => i.OrganisationId == importerId)
                .Select(i => new { i.Observable.Type, i.Observable.Value, i.Tlp }).ToListAsync();
            var expected = TypeAndValue(csv).Where(v => format == "csv" || !v.StartsWith("handle,", StringComparison.Ordinal)).Order();
            Assert.Equal(expected, imported.Select(i => $"{CordonJson.Name(i.Type)},{i.Value}").Order());
            Assert.Contains(imported, i => i.Value == "GB82WEST12345698765432" && i.Tlp == Core.Sharing.Tlp.Amber);
        }
    }

    /// <summary>"type,value" of each row of an exported CSV, its cells read back as a spreadsheet-safe CSV is read.</summary>
    private static IEnumerable<string> TypeAndValue(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => Application.Indicators.Import.CsvFields.Split(line)!)
            .Select(cells => $"{cells[0]},{Core.Text.CsvCell.Read(cells[1])}");

    [Fact]
    public async Task ACellThatASpreadsheetWouldRun_IsExportedAsText()
    {
        var (_, attackerKey) = await app.MemberAsync("Formula Poster", Sector.Other, "ZZ", Role.Analyst);
        using var attacker = app.ClientWithKey(attackerKey);
        (await attacker.PostAsJsonAsync("/api/v1/indicators", new
        {
            items = new[] { Item("email", "=cmd|'/Ccalc.exe'!A0@x.example", "green", "node"), Item("phone", "+44 20 7946 0777", "green", "node") },
        })).EnsureSuccessStatusCode();
        var (_, readerKey) = await app.MemberAsync("Formula Reader Bank", Sector.Bank, "GB", Role.Viewer);

        var csv = await ExportAsync(readerKey, "csv");

        var cells = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => Application.Indicators.Import.CsvFields.Split(line)!)
            .SelectMany(c => c).ToList();
        Assert.Contains(cells, c => c.StartsWith("'=cmd", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal));
        Assert.Contains("'+442079460777", cells);
    }

    [Fact]
    public async Task AnUnknownFormat_IsAProblem_AndAnonymousCallersAreRefused()
    {
        var (_, key) = await app.MemberAsync("Export Format Bank", Sector.Bank, "GB", Role.Viewer);
        using var client = app.ClientWithKey(key);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/indicators/export?format=xlsx"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/indicators/export"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/indicators/export?format=csv")).StatusCode);
    }
}
