using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cordon.Core.Members;
using Cordon.Server.Cases;
using Cordon.Testing;

namespace Cordon.Server.Tests;

public sealed class CasesTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static object Case(string country, decimal amount, string currency, string tlp, string distribution, object[] identifiers,
        Guid[]? communities = null, string category = "investment_scam") => new
        {
            category,
            loss = new { amount, currency },
            victimCountry = country,
            occurredAt = new DateTimeOffset(2026, 11, 2, 14, 30, 0, TimeSpan.Zero),
            tlp,
            distribution,
            communities,
            identifiers,
        };

    private static object Id(string type, string value) => new { type, value };

    [Fact]
    public async Task Cases_AreListedWithFilters_PageByPage_OnlyThoseTheCallerMaySee()
    {
        var (ownerId, ownerKey) = await app.MemberAsync("List Owner Police", Sector.LawEnforcement, "HK", Role.Analyst);
        var (_, readerKey) = await app.MemberAsync("List Reader Bank", Sector.Bank, "GB", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        using var reader = app.ClientWithKey(readerKey);
        var created = new List<(Guid Id, string Country, string Category, bool Shared)>();
        for (var n = 0; n < 7; n++)
        {
            var country = n % 2 == 0 ? "MO" : "TW";
            var category = n % 3 == 0 ? "romance" : "investment_scam";
            var shared = n != 3;
            var body = Case(country, 100 + n, "HKD", shared ? "green" : "red", shared ? "node" : "organisation",
                [Id("phone", $"+852 9400 {n:D4}")], category: category);
            var response = await owner.PostAsJsonAsync("/api/v1/cases", body);
            created.Add(((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), country, category, shared));
        }

        async Task<List<Guid>> AllAsync(HttpClient client, string filter)
        {
            var ids = new List<Guid>();
            string? next = null;
            do
            {
                var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases?limit=2{filter}{(next is null ? "" : "&after=" + Uri.EscapeDataString(next))}");
                ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
                next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
            }
            while (next is not null);
            return ids;
        }

        var newestFirst = created.AsEnumerable().Reverse().ToList();
        Assert.Equal(newestFirst.Select(c => c.Id), await AllAsync(owner, "&mine=true"));
        Assert.Equal(newestFirst.Where(c => c.Country == "TW").Select(c => c.Id), await AllAsync(owner, "&mine=true&country=tw"));
        Assert.Equal(newestFirst.Where(c => c.Category == "romance").Select(c => c.Id), await AllAsync(owner, "&mine=true&category=romance"));
        var seenByReader = await AllAsync(reader, "");
        Assert.Equal(newestFirst.Where(c => c.Shared).Select(c => c.Id), seenByReader.Where(id => created.Any(c => c.Id == id)));
        Assert.DoesNotContain(created.Single(c => !c.Shared).Id, seenByReader);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/cases?after=not-a-cursor"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/cases?category=lottery"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync("/api/v1/cases?limit=5000"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnAnalyst_OpensACaseInTheConsole_SeesTheNetwork_AndClicksThroughToAnotherVisibleCase()
    {
        var (bankId, bankKey) = await app.MemberAsync("Console Case Bank", Sector.Bank, "HK", Role.Analyst);
        var (_, otherKey) = await app.MemberAsync("Console Case Other Police", Sector.LawEnforcement, "SG", Role.Analyst);
        using var bank = app.ClientWithKey(bankKey);
        using var other = app.ClientWithKey(otherKey);
        const string mule = "GB29NWBK60161331926819";
        var mine = (await (await bank.PostAsJsonAsync("/api/v1/cases", Case("HK", 5_000, "HKD", "amber", "organisation", [Id("bank_account", mule)])))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var visible = new List<Guid>();
        foreach (var country in new[] { "SG", "MY", "SG" })
        {
            visible.Add((await (await other.PostAsJsonAsync("/api/v1/cases", Case(country, 900, "SGD", "green", "node", [Id("bank_account", mule)])))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var red = (await (await other.PostAsJsonAsync("/api/v1/cases", Case("SG", 1, "SGD", "red", "organisation", [Id("bank_account", mule)])))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var console = await app.ConsoleUserAsync(bankId, "analyst@console-case-bank.example", "analyst");
        Assert.Contains($"href=\"/console/cases/{mine}\"", await console.GetStringAsync("/console/cases"), StringComparison.Ordinal);
        var page = await console.GetStringAsync($"/console/cases/{mine}");
        // Other members' indicators of this well-known test IBAN count as reports too; the cases are the three visible ones.
        Assert.Contains("from 2 countries<span> (MY SG)</span>", page, StringComparison.Ordinal);
        Assert.All(visible, id => Assert.Contains($"href=\"/console/cases/{id}\"", page, StringComparison.Ordinal));
        Assert.DoesNotContain(red.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain(red.ToString()[^12..], page, StringComparison.Ordinal);
        Assert.Contains(mule, await console.GetStringAsync($"/console/cases/{visible[0]}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await console.GetAsync($"/console/cases/{red}")).StatusCode);

        // The network as a picture: the cases the bank may see, drawn and linked; nothing of the RED case.
        var picture = await console.GetStringAsync($"/console/graph?type=bank_account&value={mule}");
        Assert.Contains("<svg id=\"graph\"", picture, StringComparison.Ordinal);
        Assert.All(visible.Append(mine), id => Assert.Contains($"href=\"/console/cases/{id}\"", picture, StringComparison.Ordinal));
        Assert.DoesNotContain(red.ToString(), picture, StringComparison.Ordinal);
        Assert.Contains("4 cases and 1 identifiers", picture, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACase_NormalisesItsIdentifiers_AndShowsWhatElseTheNetworkKnows()
    {
        var (_, bankKey) = await app.MemberAsync("Cases Bank GB", Sector.Bank, "GB", Role.Analyst);
        var (_, policeKey) = await app.MemberAsync("Cases Police SG", Sector.LawEnforcement, "SG", Role.Analyst);
        using var bank = app.ClientWithKey(bankKey);
        using var police = app.ClientWithKey(policeKey);
        var first = await CordonApp.ReadAsync<CaseResponse>(await bank.PostAsJsonAsync("/api/v1/cases",
            Case("GB", 12_500m, "gbp", "green", "node", [Id("bank_account", "gb82 west 1234 5698 7654 32"), Id("phone", "020 7946 0311")])));
        Assert.Equal(["no other report names it", "no other report names it"], first.Identifiers.Select(i => i.Summary));
        Assert.Equal((12_500m, "GBP", 14_625m, "EUR"), (first.Loss.Amount, first.Loss.Currency, first.Loss.Converted, first.Loss.ReportingCurrency));

        // Another member, another country, another spelling of the same account.
        var created = await police.PostAsJsonAsync("/api/v1/cases",
            Case("SG", 40_000m, "SGD", "green", "node", [Id("bank_account", "GB82WEST12345698765432")]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var second = await CordonApp.ReadAsync<CaseResponse>(created);
        var account = Assert.Single(second.Identifiers);
        // The bank's case made the account its indicator too: one report, not two.
        Assert.Equal(("GB82WEST12345698765432", 1, 1, 0, 1), (account.Identifier.Value, account.Reports, account.OtherCases, account.Indicators, account.Organisations));
        Assert.Equal(["GB"], account.Countries);
        Assert.Equal([first.Id], account.CaseIds);
        Assert.Equal("appears in 1 other report from 1 country", account.Summary);

        // The bank's identifiers became its indicators under the case's marking.
        // The screening index follows the store's change feed, so the new indicator shows within a second or two.
        var screened = await Eventually.UntilAsync(
            async () => await (await police.PostAsJsonAsync("/api/v1/screen", new { type = "phone", value = "+44 20 7946 0311" })).Content.ReadAsStringAsync(),
            answer => answer.Contains("\"verdict\":\"suspicious\"", StringComparison.Ordinal));
        Assert.Contains("\"verdict\":\"suspicious\"", screened, StringComparison.Ordinal);

        var correlations = await CordonApp.ReadAsync<List<CorrelationResponse>>(await bank.GetAsync($"/api/v1/cases/{first.Id}/correlations"));
        Assert.Equal([second.Id], correlations.Single(c => c.Identifier.Type == Core.Identifiers.IdentifierType.BankAccount).CaseIds);
    }

    [Fact]
    public async Task BadCases_AreProblemsNamingTheField()
    {
        var (_, key) = await app.MemberAsync("Cases Bad Input", Sector.Bank, "GB", Role.Analyst);
        using var client = app.ClientWithKey(key);
        async Task ExpectAsync(object body, string field)
        {
            var response = await client.PostAsJsonAsync("/api/v1/cases", body);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal);
        }
        await ExpectAsync(Case("GB", 10m, "XXX", "green", "node", []), "loss.currency");
        await ExpectAsync(Case("GB", -1m, "EUR", "green", "node", []), "loss.amount");
        await ExpectAsync(Case("QQ", 10m, "EUR", "green", "node", []), "victimCountry");
        await ExpectAsync(Case("GB", 10m, "EUR", "green", "communities", []), "communities");
        await ExpectAsync(Case("GB", 10m, "EUR", "green", "node", [Id("phone", "12")]), "identifiers[0].value");
        await ExpectAsync(Case("GB", 10m, "EUR", "green", "node", [Id("spaceship", "x")]), "identifiers");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Notes_Status_AndAttachments_BelongToTheReporter()
    {
        var (_, ownerKey) = await app.MemberAsync("Cases Notes Owner", Sector.Bank, "GB", Role.Analyst);
        var (_, otherKey) = await app.MemberAsync("Cases Notes Other", Sector.Bank, "GB", Role.Analyst);
        using var owner = app.ClientWithKey(ownerKey);
        using var other = app.ClientWithKey(otherKey);
        var created = await CordonApp.ReadAsync<CaseResponse>(await owner.PostAsJsonAsync("/api/v1/cases", Case("GB", 10m, "EUR", "green", "node", [])));
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/v1/cases/{created.Id}/notes", new { text = "Victim called back.\nSecond line." })).StatusCode);
        var evidence = Encoding.UTF8.GetBytes("screenshot bytes");
        using var file = new ByteArrayContent(evidence);
        file.Headers.ContentType = new("image/png");
        var attached = await CordonApp.ReadAsync<AttachmentResponse>(await owner.PostAsync($"/api/v1/cases/{created.Id}/attachments?fileName=chat.png", file));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(evidence)), attached.Sha256);
        var download = await other.GetAsync($"/api/v1/cases/{created.Id}/attachments/{attached.Id}");
        Assert.Equal(evidence, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(attached.Sha256, download.Headers.GetValues("X-Content-SHA256").Single());
        var updated = await CordonApp.ReadAsync<CaseResponse>(await owner.PostAsJsonAsync($"/api/v1/cases/{created.Id}/status", new { status = "under_investigation" }));
        Assert.Equal(Core.Cases.CaseStatus.UnderInvestigation, updated.Status);
        Assert.Equal("Victim called back.\nSecond line.", Assert.Single(updated.Notes).Text);

        await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync($"/api/v1/cases/{created.Id}/status", new { status = "closed" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await owner.PostAsync($"/api/v1/cases/{created.Id}/attachments?fileName=../x", new ByteArrayContent([1])), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await owner.PostAsync($"/api/v1/cases/{created.Id}/attachments?fileName=big.bin",
            new ByteArrayContent(new byte[11 * 1024 * 1024])), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Import_ReportsEachRow_AndCommitsTheGoodOnes()
    {
        var (_, key) = await app.MemberAsync("Cases Importer", Sector.LawEnforcement, "FR", Role.Analyst);
        using var client = app.ClientWithKey(key);
        var csv = """
            category,loss_amount,loss_currency,victim_country,occurred_at,tlp,distribution,communities,identifiers,reference,summary
            romance,5000,EUR,FR,2026-10-01,green,node,,phone:+33 6 12 34 56 78;crypto_wallet:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq,PV-1,first
            romance,abc,EUR,FR,2026-10-01,green,node,,,PV-2,
            romance,700,EUR,FR,2026-10-02,green,node,,phone:06 12 34 56 78,PV-3,"same phone, national form"
            """;
        var response = await client.PostAsync("/api/v1/cases/import?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var report = await CordonApp.ReadAsync<CaseImportResponse>(response);
        Assert.Equal((3, 2, 1), (report.Rows, report.Created, report.Rejected));
        Assert.Contains("loss_amount", report.Results.Single(r => r.Line == 3).Error, StringComparison.Ordinal);
        var third = await CordonApp.ReadAsync<CaseResponse>(await client.GetAsync($"/api/v1/cases/{report.Results.Single(r => r.Line == 4).Id}"));
        Assert.Equal(1, Assert.Single(third.Identifiers).OtherCases);

        var jsonl = "{\"category\":\"phishing\",\"loss\":{\"amount\":1,\"currency\":\"EUR\"},\"victimCountry\":\"FR\",\"occurredAt\":\"2026-10-01T00:00:00Z\",\"tlp\":\"green\",\"distribution\":\"node\"}\n{\"nonsense\":1}\n";
        var lines = await CordonApp.ReadAsync<CaseImportResponse>(await client.PostAsync("/api/v1/cases/import?format=jsonl", new StringContent(jsonl)));
        Assert.Equal((2, 1, 1), (lines.Rows, lines.Created, lines.Rejected));
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/cases/import?format=csv", new StringContent("a,b\n1,2\n")), HttpStatusCode.BadRequest);
    }
}
