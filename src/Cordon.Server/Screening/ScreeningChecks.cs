using System.Security.Cryptography;
using System.Text.Json;
using Cordon.Application.Screening;
using Cordon.Core.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Cordon.Server.Screening;

/// <summary>
/// Checks travel as tokens this node protects with its data-protection keys (encrypted and authenticated): the member
/// carries them back with an outcome, and can neither read nor alter the verdict, amount or time inside.
/// </summary>
public sealed class ScreeningChecks(IDataProtectionProvider protection)
{
    /// <summary>Longer than any token this node writes; anything longer is not read at all.</summary>
    public const int MaxTokenLength = 2048;

    private readonly IDataProtector protector = protection.CreateProtector("Cordon.ScreeningCheck.v1");

    public string Issue(ScreeningCheck check) => protector.Protect(JsonSerializer.Serialize(check, CordonJson.Options));

    /// <summary>The check, or null for a token this node did not write (or one altered, truncated, or from other keys).</summary>
    public ScreeningCheck? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ScreeningCheck>(protector.Unprotect(token), CordonJson.Options);
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
