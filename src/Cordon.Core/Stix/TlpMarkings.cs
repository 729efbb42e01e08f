using System.Text.Json.Nodes;
using Cordon.Core.Sharing;

namespace Cordon.Core.Stix;

/// <summary>
/// The official TLP 2.0 marking definitions (OASIS cti-stix-common-objects, extension-definition-specifications/tlp-2.0):
/// fixed ids, created 2022-10-01, each carrying the TLP 2.0 property extension.
/// </summary>
public static class TlpMarkings
{
    public const string ExtensionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static readonly (Tlp Tlp, string Id, string Name, string Level)[] Definitions =
    [
        (Tlp.Clear, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR", "clear"),
        (Tlp.Green, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN", "green"),
        (Tlp.Amber, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER", "amber"),
        (Tlp.AmberStrict, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT", "amber+strict"),
        (Tlp.Red, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED", "red"),
    ];

    // The TLP 1.0 definitions of STIX 2.1 §7.2.1.4, which older producers still send: WHITE reads as CLEAR.
    private static readonly (string Id, Tlp Tlp)[] Tlp1 =
    [
        ("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.Clear),
        ("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.Green),
        ("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.Amber),
        ("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.Red),
    ];

    public static string IdOf(Tlp tlp) => Definitions.Single(d => d.Tlp == tlp).Id;

    /// <summary>The most restrictive TLP among the object's marking refs; null when none is a TLP marking.</summary>
    public static Tlp? FromRefs(IEnumerable<string> markingRefs)
    {
        Tlp? strictest = null;
        foreach (var id in markingRefs)
        {
            Tlp? found = Definitions.Where(d => d.Id == id).Select(d => (Tlp?)d.Tlp).FirstOrDefault()
                         ?? Tlp1.Where(d => d.Id == id).Select(d => (Tlp?)d.Tlp).FirstOrDefault();
            if (found is { } tlp && (strictest is null || tlp > strictest))
            {
                strictest = tlp;
            }
        }
        return strictest;
    }

    public static bool IsTlpMarking(string id) => Definitions.Any(d => d.Id == id) || Tlp1.Any(d => d.Id == id);

    /// <summary>The marking-definition object for a TLP, as OASIS publishes it.</summary>
    public static JsonObject Object(Tlp tlp)
    {
        var d = Definitions.Single(x => x.Tlp == tlp);
        return new JsonObject
        {
            ["type"] = "marking-definition",
            ["spec_version"] = "2.1",
            ["id"] = d.Id,
            ["created"] = "2022-10-01T00:00:00.000Z",
            ["name"] = d.Name,
            ["extensions"] = new JsonObject
            {
                [ExtensionId] = new JsonObject { ["extension_type"] = "property-extension", ["tlp_2_0"] = d.Level },
            },
        };
    }
}
