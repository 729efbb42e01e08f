using System.Net;
using System.Net.Sockets;

namespace Cordon.Core.Identifiers;

/// <summary>An IPv4 or IPv6 CIDR range (a single address has the full prefix length, 32 or 128).</summary>
/// <param name="Network">The network address.</param>
/// <param name="PrefixLength">The number of leading bits that are fixed.</param>
public readonly record struct IpRange(IPAddress Network, int PrefixLength)
{
    /// <summary>
    /// Parses a range as the ip normaliser writes it (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) or a single address;
    /// host bits are cleared. False for anything the ip normaliser would refuse.
    /// </summary>
    public static bool TryParse(string canonicalCidr, out IpRange range)
    {
        range = default;
        return canonicalCidr is not null && IpNormaliser.TryParse(canonicalCidr.Trim(), out range, out _);
    }

    /// <summary>True when the range holds <paramref name="address"/>; an IPv4-mapped IPv6 address counts as IPv4.</summary>
    public bool Contains(IPAddress address)
    {
        if (Network is null || address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }
        return Mask(address, PrefixLength).Equals(Mask(Network, PrefixLength));
    }

    /// <summary>The canonical form: the address alone for a single address, else <c>network/prefix</c>.</summary>
    public override string ToString()
    {
        if (Network is null)
        {
            return "";
        }
        var fullLength = Network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return PrefixLength == fullLength
            ? Network.ToString()
            : Network + "/" + PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF00 >> keep);
        }
        return new IPAddress(bytes);
    }
}
