using Cordon.Core.Identifiers;

namespace Cordon.Application.Indicators;

/// <summary>
/// One real-world identifier (a number, an account, a domain…) in canonical form. Every organisation's report about it
/// is an <see cref="Indicator"/> pointing here, so that different spellings from different members meet.
/// </summary>
public sealed class Observable
{
    public Guid Id { get; set; }
    public IdentifierType Type { get; set; }
    /// <summary>The canonical value; for payment cards a keyed hash, never the number.</summary>
    public required string Value { get; set; }
    /// <summary>A safe human-readable form (for cards, BIN and last four digits only).</summary>
    public required string Display { get; set; }
    /// <summary>For domains, URLs and emails: the registrable domain, so that related names can be found.</summary>
    public string? RegistrableDomain { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A new observable for a normalised identifier, first seen now.</summary>
    public static Observable For(Identifier identifier, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Type = identifier.Type,
        Value = identifier.Value,
        Display = identifier.Display,
        RegistrableDomain = identifier.RegistrableDomain,
        CreatedAt = now,
    };
}
