using System.Security.Cryptography;
using System.Text;

namespace Cordon.Core.Stix;

/// <summary>STIX identifiers: <c>type--uuid</c>, with UUIDv5 (RFC 4122 §4.3) for deterministic ids.</summary>
public static class StixIds
{
    /// <summary>The namespace STIX 2.1 §2.9 fixes for the deterministic ids of cyber-observable objects.</summary>
    public static readonly Guid ObservableNamespace = Guid.Parse("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary>Cordon's own namespace, for ids derived from Cordon names (extension definitions, split patterns).</summary>
    public static readonly Guid CordonNamespace = Guid.Parse("5c0f6d1e-2a7b-4c39-9d2e-6b1f0c7e4a11");

    /// <summary>The STIX id of a Cordon id; see <see cref="ForStix"/>.</summary>
    public static string Of(string type, Guid id) => $"{type}--{ForStix(id):D}";

    /// <summary>
    /// STIX 2.1 identifiers must be UUID versions 1 to 5, and Cordon's own ids are version 7 (time-ordered). A version 7
    /// id is written with its version nibble set to 4 and every other bit unchanged; <see cref="Version7Twin"/> reads it
    /// back. Ids of versions 1 to 5 (a peer's, or deterministic ones) are written as they are.
    /// </summary>
    public static Guid ForStix(Guid id) => id.Version is >= 1 and <= 5 ? id : WithVersion(id, 4);

    /// <summary>The Cordon id a version 4 STIX uuid stands for if it was written from a version 7 one.</summary>
    public static Guid? Version7Twin(Guid stixUuid) => stixUuid.Version == 4 ? WithVersion(stixUuid, 7) : null;

    /// <summary>The Cordon ids a STIX uuid may stand for: itself, and its version 7 twin if it has one.</summary>
    public static IReadOnlyList<Guid> CordonIdsOf(Guid stixUuid) => Version7Twin(stixUuid) is { } twin ? [stixUuid, twin] : [stixUuid];

    private static Guid WithVersion(Guid id, int version)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[6] = (byte)((bytes[6] & 0x0F) | (version << 4));
        return new Guid(bytes, bigEndian: true);
    }

    public static Guid UuidV5(Guid space, string name)
    {
        Span<byte> input = stackalloc byte[16];
        space.TryWriteBytes(input, bigEndian: true, out _);
        // RFC 4122 defines version 5 with SHA-1; this is an identifier, not a security measure.
#pragma warning disable CA5350
        var hash = SHA1.HashData([.. input, .. Encoding.UTF8.GetBytes(name)]);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>
    /// The id of an observable per STIX 2.1 §2.9: UUIDv5 in the STIX namespace over the canonical JSON (RFC 8785) of
    /// its id-contributing properties, here always one string property.
    /// </summary>
    public static string Observable(string type, string property, string value) =>
        Of(type, UuidV5(ObservableNamespace, "{" + CanonicalString(property) + ":" + CanonicalString(value) + "}"));

    /// <summary>A file's id: its hashes are the id-contributing property (a dictionary of one entry).</summary>
    public static string File(string algorithm, string hash) =>
        Of("file", UuidV5(ObservableNamespace, "{\"hashes\":{" + CanonicalString(algorithm) + ":" + CanonicalString(hash) + "}}"));

    public static bool TryParse(string? id, out string type, out Guid uuid)
    {
        type = "";
        uuid = Guid.Empty;
        var separator = id?.IndexOf("--", StringComparison.Ordinal) ?? -1;
        if (id is null || separator <= 0 || id.Length > 300 || !Guid.TryParseExact(id[(separator + 2)..], "D", out uuid))
        {
            return false;
        }
        type = id[..separator];
        return StixTypes.IsValidName(type);
    }

    /// <summary>A JSON string as RFC 8785 writes it: only quote, backslash and control characters escaped.</summary>
    public static string CanonicalString(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }
}

/// <summary>STIX type names (§2.1.4 naming rules: 3 to 250 characters, lower-case ASCII letters, digits and hyphens).</summary>
public static class StixTypes
{
    public static bool IsValidName(string type) =>
        type.Length is >= 3 and <= 250 && char.IsAsciiLetterLower(type[0]) && type[^1] != '-'
        && type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !type.Contains("--", StringComparison.Ordinal);
}
