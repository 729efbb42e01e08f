using System.Globalization;
using System.Text;
using Cordon.Application.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Indicators;
using Cordon.Core.Text;
using Cordon.Server.WebConsole;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Cordon.Server.Public;

/// <summary>
/// The victim's report form (<c>/public/report</c>): plain HTML in English or Chinese that works without JavaScript,
/// every field labelled, bounded against abuse by a rate limit per address (<c>Cordon:Public:ReportsPerHour</c>,
/// default 10), size limits, an antiforgery token and a honeypot field that people never see. A report becomes a case
/// of the node's intake organisation (<see cref="VictimReports"/>); the victim gets its reference.
/// </summary>
public static class VictimReportPage
{
    public const string RateLimitPolicy = "public-report";

    /// <summary>The whole form, every field full, fits in this with room to spare; anything larger is not a person's report.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The refusals this form can give, looked up in the translations; any other reason is shown as given, never looked up.</summary>
    private static readonly HashSet<string> KnownReasons =
    [
        "is required.", "say when it happened.", "must be a date in the last ten years.", "must be two letters, such as HK.", "must be a number.",
        "give at most 20, one per line.", "one of the lines is too long.", "one of the lines could not be read; check it, or leave it out.",
    ];

    private static readonly Category[] Offered =
    [
        Category.InvestmentScam, Category.ImpersonationOfOfficials, Category.Romance, Category.JobTaskScam, Category.Shopping, Category.Phishing,
        Category.Loan, Category.Sextortion, Category.AccountTakeover, Category.Other,
    ];

    public static void MapVictimReport(this RouteGroupBuilder publicPages)
    {
        publicPages.MapGet("/report", Form).ExcludeFromDescription();
        publicPages.MapPost("/report", Submit).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery().ExcludeFromDescription()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
    }

    private static async Task<ContentHttpResult> Form(HttpContext http, VictimReports reports, IAntiforgery antiforgery, IStringLocalizer<Text> T,
        CancellationToken cancellationToken) =>
        await PageAsync(http, reports, antiforgery, T, null, null, cancellationToken);

    private static async Task<ContentHttpResult> Submit(HttpContext http, VictimReports reports, IAntiforgery antiforgery, IStringLocalizer<Text> T,
        CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            if (!http.Request.HasFormContentType || http.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
            {
                throw new InvalidDataException("not a urlencoded form");
            }
            form = await http.Request.ReadFormAsync(new FormOptions { ValueCountLimit = 40, ValueLengthLimit = 8 * 1024, KeyLengthLimit = 64 }, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException or BadHttpRequestException)
        {
            return await PageAsync(http, reports, antiforgery, T, null, T["Send the form from this page."], cancellationToken, StatusCodes.Status400BadRequest);
        }
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return await PageAsync(http, reports, antiforgery, T, form, T["The form has expired. Please send it again."], cancellationToken,
                StatusCodes.Status400BadRequest);
        }
        if (!string.IsNullOrEmpty(form["website"]))
        {
            // The honeypot: people never see this field; whatever fills it is a robot, and is told nothing more.
            return await PageAsync(http, reports, antiforgery, T, form, T["Your report could not be filed."], cancellationToken, StatusCodes.Status400BadRequest);
        }
        try
        {
            decimal? amount = string.IsNullOrWhiteSpace(form["amount"]) ? null
                : decimal.TryParse(form["amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a is >= 0 and <= 1_000_000_000_000m ? a
                : throw new InvalidInputException("amount", T["must be a number."]);
            DateTimeOffset? when = DateTime.TryParseExact(form["occurredOn"], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day) ? new DateTimeOffset(day, TimeSpan.Zero) : null;
            var reference = await reports.SubmitAsync(new VictimReport(
                CordonJson.TryParse<Category>(form["category"], out var category) ? category : Category.Other,
                form["whatHappened"], when, amount, string.IsNullOrWhiteSpace(form["currency"]) ? null : form["currency"].ToString(),
                form["country"], Lines(form["phones"]), Lines(form["accounts"]), Lines(form["sites"]), Lines(form["handles"]), form["contact"]),
                cancellationToken);
            var done = $"""
                <h1>{PublicPage.Encode(T["Thank you. Your report is filed."])}</h1>
                <section class="done" role="status"><p>{PublicPage.Encode(T["Your reference number"])}: <strong id="reference">{PublicPage.Encode(reference)}</strong></p>
                <p>{PublicPage.Encode(T["Keep it: quote it when you call the police or your bank. Do not pay anyone who calls you about this report."])}</p></section>
                <p><a href="/public/">{PublicPage.Encode(T["Check a number, account or website"])}</a></p>
                """;
            return PublicPage.Html(http, T, T["Thank you. Your report is filed."], done);
        }
        catch (InvalidInputException invalid)
        {
            var reason = KnownReasons.Contains(invalid.Reason) ? T[invalid.Reason].Value : invalid.Reason;
            return await PageAsync(http, reports, antiforgery, T, form, $"{T[FieldLabels.GetValueOrDefault(invalid.Field, "Your report")]}: {reason}",
                cancellationToken, StatusCodes.Status400BadRequest);
        }
        catch (NotFoundException)
        {
            return await PageAsync(http, reports, antiforgery, T, form, null, cancellationToken);
        }
    }

    /// <summary>What a person sees for the field a refusal names (the form's labels, not the API's field names).</summary>
    private static readonly Dictionary<string, string> FieldLabels = new()
    {
        ["whatHappened"] = "What happened?",
        ["occurredAt"] = "When did it happen?",
        ["amount"] = "How much did you lose?",
        ["loss.amount"] = "How much did you lose?",
        ["loss.currency"] = "Currency (e.g. HKD, CNY, GBP)",
        ["currency"] = "Currency (e.g. HKD, CNY, GBP)",
        ["country"] = "Your country (two letters, e.g. HK)",
        ["phones"] = "Phone numbers that called or messaged you",
        ["accounts"] = "Bank accounts or crypto wallets you paid into",
        ["sites"] = "Websites, apps or email addresses",
        ["handles"] = "Social media or chat accounts",
        ["contact"] = "How can the police reach you? (optional)",
    };

    private static List<string> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static async Task<ContentHttpResult> PageAsync(HttpContext http, VictimReports reports, IAntiforgery antiforgery, IStringLocalizer<Text> T,
        IFormCollection? form, string? error, CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        if (await reports.IntakeAsync(cancellationToken) is null)
        {
            return PublicPage.Html(http, T, T["Report a scam"], $"""
                <h1>{PublicPage.Encode(T["Report a scam"])}</h1>
                <p>{PublicPage.Encode(T["This service does not take reports from the public. Please report to your local police."])}</p>
                """, StatusCodes.Status404NotFound);
        }
        string Value(string name) => PublicPage.Encode(form?[name].ToString() ?? "");
        var token = antiforgery.GetAndStoreTokens(http);
        var options = new StringBuilder();
        foreach (var category in Offered)
        {
            var name = CordonJson.Name(category);
            options.Append("<option value=\"").Append(name).Append('"').Append(form?["category"].ToString() == name ? " selected" : "").Append('>')
                .Append(PublicPage.Encode(T[ConsoleNames.Of(category)])).Append("</option>");
        }
        var body = $"""
            <h1>{PublicPage.Encode(T["Report a scam"])}</h1>
            <p>{PublicPage.Encode(T["Tell us what happened. Your report goes to the anti-fraud centre, which can warn banks and telecoms and stop the criminals' accounts and numbers."])}</p>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\" id=\"problem\">{PublicPage.Encode(error)}</p>")}
            <form method="post" action="/public/report">
            <input type="hidden" name="{token.FormFieldName}" value="{PublicPage.Encode(token.RequestToken ?? "")}">
            <div class="trap" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
            <label for="category">{PublicPage.Encode(T["What kind of scam was it?"])}</label><select id="category" name="category">{options}</select>
            <label for="whatHappened">{PublicPage.Encode(T["What happened?"])}</label>
            <textarea id="whatHappened" name="whatHappened" rows="6" maxlength="3000" required>{Value("whatHappened")}</textarea>
            <label for="occurredOn">{PublicPage.Encode(T["When did it happen?"])}</label>
            <input id="occurredOn" name="occurredOn" type="date" required value="{Value("occurredOn")}">
            <label for="amount">{PublicPage.Encode(T["How much did you lose?"])} <span class="hint">{PublicPage.Encode(T["(leave empty if nothing)"])}</span></label>
            <input id="amount" name="amount" inputmode="decimal" maxlength="20" value="{Value("amount")}">
            <label for="currency">{PublicPage.Encode(T["Currency (e.g. HKD, CNY, GBP)"])}</label>
            <input id="currency" name="currency" maxlength="3" value="{Value("currency")}">
            <label for="country">{PublicPage.Encode(T["Your country (two letters, e.g. HK)"])}</label>
            <input id="country" name="country" maxlength="2" value="{Value("country")}">
            <label for="phones">{PublicPage.Encode(T["Phone numbers that called or messaged you"])} <span class="hint">{PublicPage.Encode(T["(one per line)"])}</span></label>
            <textarea id="phones" name="phones" rows="3" maxlength="2000">{Value("phones")}</textarea>
            <label for="accounts">{PublicPage.Encode(T["Bank accounts or crypto wallets you paid into"])} <span class="hint">{PublicPage.Encode(T["(one per line)"])}</span></label>
            <textarea id="accounts" name="accounts" rows="3" maxlength="2000">{Value("accounts")}</textarea>
            <label for="sites">{PublicPage.Encode(T["Websites, apps or email addresses"])} <span class="hint">{PublicPage.Encode(T["(one per line)"])}</span></label>
            <textarea id="sites" name="sites" rows="3" maxlength="2000">{Value("sites")}</textarea>
            <label for="handles">{PublicPage.Encode(T["Social media or chat accounts"])} <span class="hint">{PublicPage.Encode(T["(one per line)"])}</span></label>
            <textarea id="handles" name="handles" rows="2" maxlength="2000">{Value("handles")}</textarea>
            <label for="contact">{PublicPage.Encode(T["How can the police reach you? (optional)"])}</label>
            <input id="contact" name="contact" maxlength="200" autocomplete="email" value="{Value("contact")}">
            <button type="submit">{PublicPage.Encode(T["Send the report"])}</button>
            </form>
            """;
        return PublicPage.Html(http, T, T["Report a scam"], body, status);
    }
}
