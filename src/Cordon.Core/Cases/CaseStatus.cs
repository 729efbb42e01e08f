using System.Text.Json.Serialization;

namespace Cordon.Core.Cases;

public enum CaseStatus
{
    Open,
    [JsonStringEnumMemberName("under_investigation")]
    UnderInvestigation,
    Closed,
}
