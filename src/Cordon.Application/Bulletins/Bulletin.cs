using Cordon.Core.Sharing;

namespace Cordon.Application.Bulletins;

public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum AcknowledgementKind
{
    Read,
    Acted,
}

/// <summary>A modus-operandi alert: how a scam works now, who it hits, and what each sector should do.</summary>
public sealed class Bulletin
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Author { get; set; }
    public Severity Severity { get; set; }
    public int CategoryFlags { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes, space-separated.</summary>
    public required string Countries { get; set; }

    /// <summary>Sectors it affects, space-separated API names.</summary>
    public required string Sectors { get; set; }

    public Tlp Tlp { get; set; }
    public Distribution Distribution { get; set; }

    /// <summary>Shown to the public on the check page, in every language it has (CLEAR, for the whole node or beyond, only).</summary>
    public bool PublicAdvice { get; set; }

    public List<BulletinCommunity> Communities { get; set; } = [];
    public List<BulletinText> Texts { get; set; } = [];
    public List<BulletinLink> Links { get; set; } = [];
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>When it last changed (published, translated), stamped as indicators are: TAXII's <c>date_added</c> for peers.</summary>
    public DateTimeOffset? DateAdded { get; set; }

    /// <summary>The node it came from, when a peer sent it (only that peer may send it again); null when written here.</summary>
    public string? OriginNode { get; set; }
}

public sealed class BulletinCommunity
{
    public Guid BulletinId { get; set; }
    public Guid CommunityId { get; set; }
}

/// <summary>The bulletin in one language (BCP 47, e.g. <c>en</c>, <c>zh-Hans</c>): the first is the author's, others are translations.</summary>
public sealed class BulletinText
{
    public Guid BulletinId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }

    /// <summary>Markdown; rendered sanitised.</summary>
    public required string Body { get; set; }

    /// <summary>Recommended actions, one line per sector: <c>bank: …</c>.</summary>
    public string? Actions { get; set; }

    public Guid AddedByOrganisation { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The text in the reader's language (or its parent: zh for zh-Hans), else the first written.</summary>
    public static BulletinText For(Bulletin bulletin, System.Globalization.CultureInfo culture)
    {
        var texts = bulletin.Texts.OrderBy(t => t.AddedAt).ToList();
        return texts.FirstOrDefault(t => string.Equals(t.Language, culture.Name, StringComparison.OrdinalIgnoreCase))
               ?? texts.FirstOrDefault(t => string.Equals(t.Language.Split('-')[0], culture.TwoLetterISOLanguageName, StringComparison.OrdinalIgnoreCase))
               ?? texts[0];
    }
}

/// <summary>An indicator or case the bulletin names.</summary>
public sealed class BulletinLink
{
    public Guid BulletinId { get; set; }
    public required string ItemType { get; set; }
    public Guid ItemId { get; set; }
}

/// <summary>A file that goes with a bulletin (a screenshot of a scam app…), with its SHA-256; always served as a download.</summary>
public sealed class BulletinAttachment
{
    public Guid Id { get; set; }
    public Guid BulletinId { get; set; }
    public required string FileName { get; set; }
    public required string MediaType { get; set; }
    public long Size { get; set; }

    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A recipient organisation's acknowledgement: read, or acted on, with a note.</summary>
public sealed class BulletinAcknowledgement
{
    public Guid BulletinId { get; set; }
    public Guid OrganisationId { get; set; }
    public AcknowledgementKind Kind { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The access policy on bulletins, as a query filter (their categories count for peers' rules).</summary>
public static class BulletinVisibility
{
    public static readonly MarkingShape<Bulletin> Shape = new(
        b => b.OrganisationId, b => b.Tlp, b => b.Distribution, b => b.Communities.Select(m => m.CommunityId), CategoryFlags: b => b.CategoryFlags);

    public static IQueryable<Bulletin> VisibleTo(this IQueryable<Bulletin> bulletins, Viewer viewer) =>
        bulletins.Where(MarkingFilter.For(viewer, Shape));
}
