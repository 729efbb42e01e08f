using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Cordon.Application.Data;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cordon.Server.Tests;

/// <summary>
/// A victim reports in Chinese on the public page, without JavaScript: the report becomes a case of the node's intake
/// organisation, kept to it, and the victim gets a reference; mistakes come back with the form as filled; robots that fill
/// the hidden field and an address that sends too many reports are turned away politely.
/// </summary>
public sealed partial class VictimReportTests(CordonApp app) : IClassFixture<CordonApp>
{
    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    [Fact]
    public async Task AVictimReportsInChinese_AndTheIntakeOrganisationHasTheCase()
    {
        var (intakeId, _) = await app.MemberAsync("Victim Intake Police", Sector.LawEnforcement, "HK", Role.Analyst);
        await using var node = CordonApp.SharingStoreWith(app, new()
        {
            ["Cordon:Public:IntakeOrganisation"] = "Victim Intake Police",
            ["Cordon:Public:ReportsPerHour"] = "4",
        });
        using var browser = node.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));

        var form = await browser.GetStringAsync("/public/report");
        Assert.Contains("<html lang=\"zh-Hans\">", form, StringComparison.Ordinal);
        Assert.Contains("<label for=\"whatHappened\">发生了什么？</label>", form, StringComparison.Ordinal);
        var token = CordonApp.FormToken(form);

        var filed = await browser.PostAsync("/public/report", Form(token, ("category", "impersonation_of_officials"),
            ("whatHappened", "有人冒充警察致电，要求我把存款转到安全账户。"), ("occurredOn", "2026-12-01"), ("amount", "85000"), ("currency", "HKD"),
            ("country", "HK"), ("phones", "+852 9123 4567\n"), ("accounts", "GB33BUKB20201555555555"), ("sites", ""), ("handles", ""),
            ("contact", "victim@example.org"), ("website", "")));
        var thanks = await filed.Content.ReadAsStringAsync();
        Assert.True(filed.StatusCode == HttpStatusCode.OK, thanks);
        var reference = Reference().Match(thanks).Groups[1].Value;
        Assert.Matches("^VR-\\d{8}-[0-9A-F]{8}$", reference);
        Assert.Contains("谢谢，您的举报已登记。", thanks, StringComparison.Ordinal);

        using (var scope = node.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CordonDb>();
            var filedCase = await db.Cases.Include(c => c.Identifiers).SingleAsync(c => c.Reference == reference);
            Assert.Equal(intakeId, filedCase.OrganisationId);
            Assert.Equal(Tlp.Amber, filedCase.Tlp);
            Assert.Equal(Distribution.Organisation, filedCase.Distribution);
            Assert.Equal(85_000m, filedCase.LossAmount);
            Assert.Equal(2, filedCase.Identifiers.Count);
            Assert.Contains("安全账户", filedCase.Summary, StringComparison.Ordinal);
            Assert.Contains("victim@example.org", filedCase.Summary, StringComparison.Ordinal);
        }

        // A line that cannot be read comes back with the form as filled, and the field named.
        var wrong = await browser.PostAsync("/public/report", Form(token, ("whatHappened", "短信诈骗"), ("occurredOn", "2026-12-02"),
            ("phones", "not a number at all"), ("website", "")));
        var again = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("电话号码", again, StringComparison.Ordinal);
        Assert.Contains(">短信诈骗</textarea>", again, StringComparison.Ordinal);

        // The honeypot: a robot that fills the hidden field files nothing.
        var robot = await browser.PostAsync("/public/report", Form(token, ("whatHappened", "spam"), ("occurredOn", "2026-12-02"), ("website", "http://spam.example")));
        Assert.Equal(HttpStatusCode.BadRequest, robot.StatusCode);

        // Past the limit for one address: refused politely, in the visitor's language, with Retry-After.
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await browser.PostAsync("/public/report", Form(token, ("whatHappened", $"report {i}"), ("occurredOn", "2026-12-02"), ("website", "")));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("3600", last.Headers.GetValues("Retry-After").Single());
        Assert.Contains("一小时后再试", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var scope = node.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CordonDb>();
            Assert.Equal(1 + 1, await db.Cases.CountAsync(c => c.OrganisationId == intakeId)); // the first report, and "report 0" before the limit
        }
    }

    [Fact]
    public async Task MalformedBodies_GetTheFormBackWithA400_NeverA500()
    {
        await app.MemberAsync("Malformed Intake Police", Sector.LawEnforcement, "HK", Role.Analyst);
        await using var node = CordonApp.SharingStoreWith(app, new() { ["Cordon:Public:IntakeOrganisation"] = "Malformed Intake Police" });
        using var browser = node.CreateClient();
        using var noBoundary = new StringContent("x", System.Text.Encoding.UTF8);
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/public/report", noBoundary)).StatusCode);
        var tooMany = new FormUrlEncodedContent(Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create($"a{i}", "1")));
        var answer = await browser.PostAsync("/public/report", tooMany);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Send the form from this page.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/public/report", json)).StatusCode);
    }

    [Fact]
    public async Task ThePublicPage_SpeaksTheVisitorsLanguage_AndSaysWhenReportsAreNotTaken()
    {
        using var browser = app.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var chinese = await browser.GetStringAsync("/public/");
        Assert.Contains("<html lang=\"zh-Hans\">", chinese, StringComparison.Ordinal);
        Assert.Contains("付款前先查证", chinese, StringComparison.Ordinal);
        var english = await browser.GetStringAsync("/public/?culture=en");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Check before you pay", english, StringComparison.Ordinal);
        // The choice stays for the next page (a cookie), whatever the browser's languages say.
        Assert.Contains("<html lang=\"en\">", await browser.GetStringAsync("/public/"), StringComparison.Ordinal);
        using var another = app.CreateClient();
        another.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var answer = await another.GetStringAsync("/public/?value=%2B852%209123%200000");
        Assert.Contains("暂无相关公开举报", answer, StringComparison.Ordinal);
        Assert.Contains("停一停", answer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/public/report")).StatusCode);
    }

    [Theory]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void ALimitCountsAnIPv6Network_NotEachOfItsAddresses(string address, string counted) =>
        Assert.Equal(counted, Public.PublicApi.ClientNetwork(IPAddress.Parse(address)));

    [GeneratedRegex("id=\"reference\">([^<]+)<")]
    private static partial Regex Reference();
}
