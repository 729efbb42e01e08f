using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace Cordon.Server.WebConsole;

/// <summary>
/// Markdown (bulletin bodies) as HTML that is safe to show: raw HTML in the source is written as text, and what the
/// Markdown makes is sanitised (no scripts, no event handlers, links only to http, https and mailto). Images are left
/// out: a picture from another site would tell it who read the bulletin and when.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseAutoLinks().Build();

    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string ToSafeHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    public static MarkupString Render(string markdown) => new(ToSafeHtml(markdown));

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
