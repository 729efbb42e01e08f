using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cordon.Application.Federation;
using Cordon.Core.Members;
using Xunit.Abstractions;

namespace Cordon.Server.Tests;

/// <summary>
/// The generated hostile corpus: every operation of the OpenAPI document, and the TAXII, console and import endpoints,
/// called with bad input made from their own schemas — malformed and deeply nested JSON, wrong types, nulls in every
/// property and array position, duplicate keys, huge strings, invalid UTF-8, NUL, bidi and zero-width characters,
/// control characters in redirects, repeated CSV columns. No answer may be a 5xx, and every 4xx of the API is problem
/// details (a TAXII error on TAXII). It prints how many inputs it tried.
/// </summary>
public sealed class HostileCorpusTests(CordonApp app, ITestOutputHelper output) : IClassFixture<CordonApp>
{
    private static readonly string[] BadScalars =
        ["", "\0", "\u202Eexe.gnp", "a\u200Bb", "%00", "../../etc/passwd", "-1", "99999999999999999999999", "1e309", "NaN", "null",
         "\r\nX-Injected: yes", new string('x', 5000)];

    private static readonly JsonNode?[] WrongTypes = [null, 123, -1.5e300, "x", true, new JsonArray(), new JsonObject()];

    /// <summary>
    /// Valid bodies for the operations whose checks run in order, so that each mutation reaches the check it aims at
    /// (a generated sample would be refused at its first invalid field); the others start from the generated sample.
    /// </summary>
    private static JsonObject? ValidBody(string method, string template, Guid organisationId, Guid recipientId) => (method, template) switch
    {
        ("post", "/api/v1/cases") => new JsonObject
        {
            ["category"] = "phishing",
            ["loss"] = new JsonObject { ["amount"] = 1200, ["currency"] = "GBP" },
            ["victimCountry"] = "GB",
            ["occurredAt"] = "2026-11-30T10:00:00Z",
            ["tlp"] = "green",
            ["distribution"] = "node",
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "domain", ["value"] = "hostile-case.example" }),
            ["summary"] = "x",
        },
        ("post", "/api/v1/indicators") => new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["type"] = "domain",
                ["value"] = "hostile-item.example",
                ["categories"] = new JsonArray("phishing"),
                ["confidence"] = 50,
                ["tlp"] = "green",
                ["distribution"] = "node",
            }),
        },
        ("post", "/api/v1/requests") => new JsonObject
        {
            ["kind"] = "freeze_funds",
            ["recipient"] = recipientId.ToString("D"),
            ["priority"] = "high",
            ["targets"] = new JsonArray(new JsonObject { ["type"] = "bank_account", ["value"] = "GB82WEST12345698765432" }),
            ["amount"] = 100,
            ["currency"] = "GBP",
            ["legalBasis"] = "x",
        },
        ("post", "/api/v1/screen") => new JsonObject { ["type"] = "phone", ["value"] = "+44 20 7946 0000" },
        ("post", "/api/v1/communities") => new JsonObject { ["name"] = "hostile", ["members"] = new JsonArray(organisationId.ToString("D")) },
        ("post", "/api/v1/organisations") => new JsonObject { ["name"] = "hostile org", ["sector"] = "bank", ["country"] = "GB" },
        ("post", "/api/v1/organisations/{id}/users") => new JsonObject
        {
            ["email"] = "h@hostile.example",
            ["displayName"] = "H",
            ["roles"] = new JsonArray("viewer"),
            ["password"] = "hostile-password-1",
        },
        ("post", "/api/v1/organisations/{id}/keys") => new JsonObject { ["name"] = "k", ["roles"] = new JsonArray("viewer") },
        _ => null,
    };

    private readonly List<string> failures = [];
    private int tried;

    [Fact]
    public async Task HostileInputs_NeverAnswer5xx()
    {
        using var admin = app.Admin();
        var (organisationId, memberKey) = await app.MemberAsync("Hostile Corpus Bank", Sector.Bank, "GB", Role.Analyst, Role.Responder, Role.Admin);
        var (recipientId, _) = await app.MemberAsync("Hostile Corpus Telecom", Sector.Telecom, "HK", Role.Responder);
        using var member = app.ClientWithKey(memberKey);
        var document = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];

        foreach (var (template, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var path = Fill(template, organisationId);
                foreach (var client in new[] { admin, member })
                {
                    await QueryAsync(client, method, path, operation!);
                    if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
                    {
                        await BodiesAsync(client, method, path, Resolve(schema, schemas), schemas,
                            ValidBody(method, template, organisationId, recipientId));
                    }
                }
                foreach (var junk in new[] { "..%2F..%2Fetc%2Fpasswd", new string('9', 600), "%E2%80%AE" })
                {
                    await SendAsync(admin, method, Fill(template, organisationId, junk), null);
                }
            }
        }
        await ImportsAsync(admin);
        await TaxiiAsync(organisationId, memberKey);
        await ConsoleAsync();

        var summary = $"hostile corpus ({app.Database.Options.Provider}): {tried} inputs, {failures.Count} answered badly";
        output.WriteLine(summary);
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "route-walk.txt"), summary + Environment.NewLine);
        Assert.True(tried >= 500, $"only {tried} inputs");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    private static string Fill(string template, Guid organisationId, string? junk = null) =>
        System.Text.RegularExpressions.Regex.Replace(template, "{([^}]+)}", m => junk ?? (m.Groups[1].Value switch
        {
            "id" when template.StartsWith("/api/v1/organisations", StringComparison.Ordinal) => organisationId.ToString("D"),
            "organisationId" => organisationId.ToString("D"),
            var name when name.Contains("OrId", StringComparison.Ordinal) || name == "name" => "hostile",
            _ => Guid.NewGuid().ToString("D"),
        }));

    private async Task QueryAsync(HttpClient client, string method, string path, JsonNode operation)
    {
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            if (parameter?["in"]?.GetValue<string>() != "query")
            {
                continue;
            }
            var name = parameter["name"]!.GetValue<string>();
            foreach (var bad in BadScalars)
            {
                await SendAsync(client, method, $"{path}?{name}={Uri.EscapeDataString(bad)}&{name}=again", null);
            }
        }
    }

    private async Task BodiesAsync(HttpClient client, string method, string path, JsonNode schema, JsonObject schemas, JsonObject? valid)
    {
        var sample = valid ?? Sample(schema, schemas, 0);
        var text = sample?.ToJsonString() ?? "{}";
        foreach (var raw in new[]
                 {
                     "", "{", "[]", "null", "\"text\"", "123", "{\"a\":}", "{'a':1}", "{\"a\":1,}", text[..Math.Max(1, text.Length / 2)],
                     new string('[', 5000) + new string(']', 5000), string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000),
                     text.Length > 2 ? "{" + text[1..^1] + "," + text[1..^1] + "}" : text, // every key twice
                 })
        {
            await SendAsync(client, method, path, Json(raw));
        }
        await SendAsync(client, method, path, new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        });
        if (sample is not JsonObject root)
        {
            return;
        }
        foreach (var mutated in Mutations(root))
        {
            await SendAsync(client, method, path, Json(mutated.ToJsonString()));
        }
    }

    /// <summary>Each property of the object (and of objects in its arrays, one level down) made wrong, one at a time.</summary>
    private static IEnumerable<JsonNode> Mutations(JsonObject root)
    {
        foreach (var (name, value) in root.ToList())
        {
            foreach (var wrong in WrongTypes)
            {
                yield return With(root, name, wrong?.DeepClone());
            }
            if (value is JsonValue scalar && scalar.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                foreach (var bad in BadScalars.Append(new string('y', 300_000)))
                {
                    yield return With(root, name, bad);
                }
            }
            if (value is JsonArray array)
            {
                var item = array.FirstOrDefault();
                yield return With(root, name, new JsonArray((JsonNode?)null));
                yield return With(root, name, new JsonArray(item?.DeepClone(), null));
                yield return With(root, name, new JsonArray(new JsonArray()));
                yield return With(root, name, new JsonArray(new JsonObject()));
                yield return With(root, name, new JsonArray(Enumerable.Range(0, 2000).Select(_ => item?.DeepClone()).ToArray()));
                if (item is JsonObject element)
                {
                    foreach (var (field, _) in element.ToList())
                    {
                        foreach (var wrong in WrongTypes)
                        {
                            yield return With(root, name, new JsonArray(With(element, field, wrong?.DeepClone())));
                        }
                    }
                }
            }
            if (value is JsonObject nested)
            {
                foreach (var (field, _) in nested.ToList())
                {
                    yield return With(root, name, With(nested, field, null));
                    yield return With(root, name, With(nested, field, new JsonArray()));
                }
            }
        }
    }

    private static JsonObject With(JsonObject source, string name, JsonNode? value)
    {
        var copy = source.DeepClone().AsObject();
        copy[name] = value;
        return copy;
    }

    /// <summary>A plausible instance of a schema: enums take their first value, strings "x", arrays one item.</summary>
    private static JsonNode? Sample(JsonNode schema, JsonObject schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        if (depth > 4)
        {
            return null;
        }
        if (schema["oneOf"] is JsonArray choices)
        {
            return choices.Select(c => Resolve(c!, schemas)).Where(c => !IsNull(c)).Select(c => Sample(c, schemas, depth + 1)).FirstOrDefault();
        }
        if (schema["enum"] is JsonArray values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }
        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => schema["properties"] is not null ? ["object"] : [],
        };
        return types.FirstOrDefault() switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Sample(p.Value!, schemas, depth + 1)))),
            "array" => new JsonArray(schema["items"] is { } items ? Sample(items, schemas, depth + 1) : "x"),
            "integer" or "number" => 1,
            "boolean" => true,
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "uuid" => Guid.NewGuid().ToString("D"),
                "date-time" => "2026-12-01T00:00:00Z",
                _ => "x",
            },
            _ => null,
        };
    }

    private static bool IsNull(JsonNode schema) => schema["type"] is JsonValue t && t.GetValue<string>() == "null";

    private static JsonNode Resolve(JsonNode schema, JsonObject schemas) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? schemas[reference.Split('/')[^1]] ?? schema : schema;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task ImportsAsync(HttpClient admin)
    {
        var csvs = new[]
        {
            "value,value\nx.example,y.example\n", "value,Value\nx.example,y.example\n", "type,value,type\ndomain,x.example,domain\n",
            "\0\0\0\n", "value\n\"unterminated\n", "value\n" + new string('a', 100_000) + "\n", "valu\u202Ee\nx\n", "\uFEFFvalue\nx.example\n",
        };
        foreach (var csv in csvs)
        {
            foreach (var path in new[] { "/api/v1/indicators/import?format=csv", "/api/v1/cases/import?format=csv", "/api/v1/screen/batch" })
            {
                await SendAsync(admin, "post", path, new StringContent(csv, Encoding.UTF8, "text/csv"));
            }
        }
        foreach (var jsonl in new[] { "null\n", "[null]\n", "{\"identifiers\":[null]}\n", "{\"identifiers\":[{}]}\n", "{\"type\":null}\n", "{\n" })
        {
            foreach (var path in new[] { "/api/v1/cases/import?format=jsonl", "/api/v1/indicators/import?format=jsonl", "/api/v1/screen/batch" })
            {
                await SendAsync(admin, "post", path, new StringContent(jsonl, Encoding.UTF8, "application/x-ndjson"));
            }
        }
        await SendAsync(admin, "post", "/api/v1/indicators/import?format=csv",
            new ByteArrayContent([(byte)'v', (byte)'a', (byte)'l', (byte)'u', (byte)'e', 10, 0xFF, 0xFE, 0xC3, 0x28, 10])
            {
                Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
            });
    }

    private async Task TaxiiAsync(Guid organisationId, string key)
    {
        using var taxii = app.TaxiiClient(organisationId, key);
        var collection = $"/taxii2/cordon/collections/{TaxiiCollections.FederationId:D}/objects/";
        foreach (var envelope in new[]
                 {
                     "{", "null", "[]", "{\"objects\":null}", "{\"objects\":[null]}", "{\"objects\":[1,\"x\",[]]}", "{\"objects\":[{}]}",
                     "{\"objects\":[{\"type\":null,\"id\":null}]}", "{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--x\",\"pattern\":null}]}",
                     "{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"pattern\":\"[\",\"pattern_type\":\"stix\",\"valid_from\":\"x\",\"created\":\"x\",\"modified\":\"x\"}]}",
                     new string('[', 5000),
                 })
        {
            await SendAsync(taxii, "post", collection, CordonApp.TaxiiContent(envelope));
        }
        foreach (var query in new[] { "added_after=x", "limit=-1", "limit=99999999999", "match[type]=%00", "next=%E2%80%AE", "match[id]=" + new string('a', 5000) })
        {
            await SendAsync(taxii, "get", $"{collection}?{query}", null);
        }
    }

    private async Task ConsoleAsync()
    {
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var back in new[] { "/console%0d%0aX:%20y", "/console%0aX", "/console%09x", "/console%00", "//evil.example", "/console\\evil", "%E2%80%AE", "/console/%C3%A9", "/console/%E2%80%AE" })
        {
            await SendAsync(browser, "get", $"/console/culture?name=en&back={back}", null);
        }
        var page = await browser.GetStringAsync("/console/sign-in");
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        foreach (var returnUrl in new[] { "/console\r\nX: y", "/console\nX", "/console\tx", "/console\0", "//evil.example", "/console" + new string('/', 3000), "/console/é" })
        {
            await SendAsync(browser, "post", "/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = "nobody@hostile.example",
                ["password"] = "x",
                ["returnUrl"] = returnUrl,
                ["__RequestVerificationToken"] = token,
            }));
        }
    }

    private async Task SendAsync(HttpClient client, string method, string path, HttpContent? content)
    {
        tried++;
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path) { Content = content };
        // Headers only: the event stream answers and then never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        var media = response.Content.Headers.ContentType?.MediaType;
        var isApi = path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/taxii2/", StringComparison.Ordinal);
        if (status >= 500)
        {
            failures.Add($"{method.ToUpperInvariant()} {Shorten(path)} answered {status}: {Shorten(await response.Content.ReadAsStringAsync())}");
        }
        else if (status >= 400 && isApi && status != 405 && media is not ("application/problem+json" or "application/taxii+json"))
        {
            failures.Add($"{method.ToUpperInvariant()} {Shorten(path)} answered {status} as {media ?? "nothing"}, not a problem");
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
