using System.Text.Json.Serialization;

namespace Cordon.Core.Sharing;

/// <summary>Traffic Light Protocol 2.0 markings, least to most restricted.</summary>
public enum Tlp
{
    Clear,
    Green,
    Amber,
    [JsonStringEnumMemberName("amber+strict")]
    AmberStrict,
    Red,
}
