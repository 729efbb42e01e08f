using System.Globalization;
using System.Net;
using System.Text;
using Cordon.Application.Cases;
using Cordon.Application.Response;

namespace Cordon.Application.Evidence;

/// <summary>The readable pages of an evidence package, in English and Chinese; times in ISO 8601 UTC, stated as such.</summary>
internal static class CasePage
{
    private static readonly Dictionary<string, Dictionary<string, string>> Labels = new()
    {
        ["en"] = new()
        {
            ["title"] = "Case",
            ["request"] = "Request",
            ["reporter"] = "Reported by",
            ["category"] = "Category",
            ["loss"] = "Loss",
            ["country"] = "Victim's country",
            ["occurred"] = "Occurred at",
            ["reference"] = "Reference",
            ["summary"] = "Summary",
            ["status"] = "Status",
            ["marking"] = "Marking",
            ["identifiers"] = "Identifiers",
            ["notes"] = "Notes",
            ["attachments"] = "Attachments",
            ["requests"] = "Requests about this case",
            ["indicators"] = "Indicator reports naming its identifiers",
            ["history"] = "History",
            ["deadlines"] = "Deadlines",
            ["acknowledge"] = "Acknowledge by",
            ["action"] = "Act by",
            ["expires"] = "Expires",
            ["kind"] = "Kind",
            ["priority"] = "Priority",
            ["state"] = "State",
            ["legal"] = "Legal basis",
            ["targets"] = "Targets",
            ["amount"] = "Amount",
            ["frozen"] = "Amount frozen",
            ["times"] = "All times are UTC (ISO 8601).",
            ["verify"] = "Check this package offline with: cordon evidence verify FILE",
            ["sent"] = "Sent",
            ["missed"] = "deadline missed",
            ["escalated"] = "escalated, step {0}, to {1}",
        },
        ["zh"] = new()
        {
            ["title"] = "案件",
            ["request"] = "请求",
            ["reporter"] = "报告机构",
            ["category"] = "类别",
            ["loss"] = "损失",
            ["country"] = "受害人国家",
            ["occurred"] = "发生时间",
            ["reference"] = "编号",
            ["summary"] = "摘要",
            ["status"] = "状态",
            ["marking"] = "标记",
            ["identifiers"] = "标识符",
            ["notes"] = "备注",
            ["attachments"] = "附件",
            ["requests"] = "与本案相关的请求",
            ["indicators"] = "提及其标识符的指标报告",
            ["history"] = "历史",
            ["deadlines"] = "期限",
            ["acknowledge"] = "确认期限",
            ["action"] = "处置期限",
            ["expires"] = "失效时间",
            ["kind"] = "类型",
            ["priority"] = "优先级",
            ["state"] = "状态",
            ["legal"] = "法律依据",
            ["targets"] = "目标",
            ["amount"] = "金额",
            ["frozen"] = "冻结金额",
            ["times"] = "所有时间均为 UTC（ISO 8601）。",
            ["verify"] = "离线核验本证据包：cordon evidence verify 文件",
            ["sent"] = "已发送",
            ["missed"] = "期限已错过",
            ["escalated"] = "已升级（第 {0} 级）至 {1}",
        },
    };

    public static string Render(CaseView view, IReadOnlyList<RequestView> requests, int indicators, string language)
    {
        var l = Labels[language];
        var c = view.Case;
        var html = Start(language, $"{l["title"]} {c.Id}");
        Row(html, l["reporter"], $"{view.Reporter.Name} ({view.Reporter.Country})");
        Row(html, l["category"], c.Category.ToString());
        Row(html, l["loss"], $"{c.LossAmount.ToString(CultureInfo.InvariantCulture)} {c.LossCurrency}");
        Row(html, l["country"], c.VictimCountry);
        Row(html, l["occurred"], Time(c.OccurredAt));
        Row(html, l["reference"], c.Reference);
        Row(html, l["summary"], c.Summary);
        Row(html, l["status"], c.Status.ToString());
        Row(html, l["marking"], $"TLP:{c.Tlp.ToString().ToUpperInvariant()} / {c.Distribution}");
        html.Append("</table>");
        List(html, l["identifiers"], c.Identifiers.Select(i => $"{i.Observable.Type}: {i.Observable.Display}"));
        List(html, l["notes"], view.Notes.Select(n => $"{Time(n.CreatedAt)} — {n.Author}: {n.Text}"));
        List(html, l["attachments"], view.Attachments.Select(a => $"{a.FileName} ({a.Size} B, SHA-256 {a.Sha256})"));
        List(html, l["requests"], requests.Select(r => $"{r.Request.Kind} {r.Request.State} — {Time(r.Request.SentAt)} — {l["action"]} {Time(r.Request.ActionDueAt)}"));
        html.Append("<p>").Append(Encode(l["indicators"])).Append(": ").Append(indicators).Append("</p>");
        return End(html, l);
    }

    public static string RenderRequest(RequestView view, string language)
    {
        var l = Labels[language];
        var r = view.Request;
        var html = Start(language, $"{l["request"]} {r.Id}");
        Row(html, l["kind"], r.Kind.ToString());
        Row(html, l["priority"], r.Priority.ToString());
        Row(html, l["state"], r.State.ToString());
        Row(html, l["targets"], r.Targets);
        Row(html, l["amount"], r.Amount is { } amount ? $"{amount.ToString(CultureInfo.InvariantCulture)} {r.Currency}" : null);
        Row(html, l["frozen"], r.AmountFrozen is { } frozen ? $"{frozen.ToString(CultureInfo.InvariantCulture)} {r.OutcomeCurrency}" : null);
        Row(html, l["legal"], r.LegalBasis);
        Row(html, l["reference"], r.CaseRef);
        Row(html, l["acknowledge"], Time(r.AcknowledgeDueAt) + (r.AcknowledgeBreachedAt is { } a ? $" (breached {Time(a)})" : ""));
        Row(html, l["action"], Time(r.ActionDueAt) + (r.ActionBreachedAt is { } b ? $" (breached {Time(b)})" : ""));
        Row(html, l["expires"], Time(r.ExpiresAt));
        html.Append("</table>");
        List(html, l["history"], RequestEvent.Timeline(view).Select(e => $"{Time(e.At)} — " + e.Kind switch
        {
            RequestEventKind.Sent => l["sent"],
            RequestEventKind.Transition => $"{e.From} → {e.State}{(e.Note is null ? "" : ": " + e.Note)}",
            RequestEventKind.Breach => $"{e.Breach}: {l["missed"]}",
            _ => $"{e.Breach}: " + string.Format(CultureInfo.InvariantCulture, l["escalated"], e.Step, e.Notify),
        }));
        return End(html, l);
    }

    private static StringBuilder Start(string language, string title) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"").Append(language == "zh" ? "zh-Hans" : "en")
            .Append("\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title></head><body><h1>")
            .Append(Encode(title)).Append("</h1><table>");

    private static string End(StringBuilder html, Dictionary<string, string> l) =>
        html.Append("<p>").Append(Encode(l["times"])).Append("</p><p>").Append(Encode(l["verify"])).Append("</p></body></html>").ToString();

    private static void Row(StringBuilder html, string label, string? value) =>
        html.Append("<tr><th>").Append(Encode(label)).Append("</th><td>").Append(Encode(value ?? "—")).Append("</td></tr>");

    private static void List(StringBuilder html, string title, IEnumerable<string> items)
    {
        html.Append("<h2>").Append(Encode(title)).Append("</h2><ul>");
        foreach (var item in items)
        {
            html.Append("<li>").Append(Encode(item)).Append("</li>");
        }
        html.Append("</ul>");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
