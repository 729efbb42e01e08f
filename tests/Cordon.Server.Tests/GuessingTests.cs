using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cordon.Testing;

namespace Cordon.Server.Tests;

/// <summary>
/// Guessing passwords and keys, tried on a real server with its default limits from several loopback addresses:
/// guessing is slowed per address (429 with Retry-After), never by locking an account its owner cannot then use.
/// </summary>
public sealed partial class GuessingTests : IAsyncLifetime
{
    private const string AdminKey = "cdn_guessing-tests-admin-key-0123456789abcdef";
    private readonly string folder = Directory.CreateTempSubdirectory("cordon-guessing-").FullName;
    private ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        server = new ServerProcess("guessing", folder, new Dictionary<string, string>
        {
            ["Cordon__Database__Provider"] = "sqlite",
            ["Cordon__Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "cordon.db")}",
            ["Cordon__Bootstrap__AdminKey"] = AdminKey,
            ["Cordon__Proxy__KnownNetworks"] = "127.0.0.41",
        });
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A client whose connections leave from the given loopback address, as another machine's would.</summary>
    private HttpClient From(string address, string? key = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server.Url };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }
        return client;
    }

    [Fact]
    public async Task AThousandBadKeys_FromOneAddress_Get429s_AndOtherAddressesAreServed()
    {
        using var guesser = From("127.0.0.11");
        var statuses = new Dictionary<HttpStatusCode, int>();
        string? retryAfter = null;
        for (var i = 0; i < 1000; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/indicators");
            request.Headers.Authorization = new("Bearer", $"cdn_guess-{i:D6}-0123456789abcdefghijklmnopq");
            using var response = await guesser.SendAsync(request);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests) >= 950, string.Join(", ", statuses));
        Assert.Equal(1000, statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests) + statuses.GetValueOrDefault(HttpStatusCode.Unauthorized));
        Assert.NotNull(retryAfter);
        // While that address waits, even a good key from it is not looked at; from another address it works at once.
        using var sameAddress = From("127.0.0.11", AdminKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameAddress.GetAsync("/api/v1/organisations")).StatusCode);
        using var elsewhere = From("127.0.0.12", AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/organisations")).StatusCode);
    }

    [Fact]
    public async Task AHundredWrongPasswords_FromOneAddress_DoNotStopTheOwner_FromAnother()
    {
        using var admin = From("127.0.0.21", AdminKey);
        var organisations = await (await admin.GetAsync("/api/v1/organisations")).Content.ReadFromJsonAsync<List<Members.OrganisationResponse>>(CordonApp.Json);
        var node = organisations!.Single();
        const string email = "owner@guessing.example", password = "the-owners-password-2026";
        (await admin.PostAsJsonAsync($"/api/v1/organisations/{node.Id}/users",
            new { email, displayName = "Owner", roles = new[] { "analyst" }, password })).EnsureSuccessStatusCode();

        using var attacker = From("127.0.0.22");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            answers.Add((await SignInAsync(attacker, email, $"guess-{i}")).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.DoesNotContain(answers, s => s == HttpStatusCode.OK || (int)s >= 500);
        // The right password from the attacker's address is not even checked while it waits.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(attacker, email, password)).StatusCode);

        using var owner = From("127.0.0.23");
        var signedIn = await SignInAsync(owner, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnUnknownAccount_IsAnsweredLikeAKnownOne()
    {
        using var admin = From("127.0.0.31", AdminKey);
        var node = (await (await admin.GetAsync("/api/v1/organisations")).Content.ReadFromJsonAsync<List<Members.OrganisationResponse>>(CordonApp.Json))!.Single();
        (await admin.PostAsJsonAsync($"/api/v1/organisations/{node.Id}/users",
            new { email = "known@guessing.example", displayName = "Known", roles = new[] { "viewer" }, password = "known-password-2026" })).EnsureSuccessStatusCode();
        using var known = From("127.0.0.32");
        using var unknown = From("127.0.0.33");
        // As many attempts as an account may fail from one address, and the one that starts its wait: past that, whether
        // the next attempt waits depends on how long each took (a 1 s wait), not on whether the account exists.
        for (var i = 0; i <= 5; i++)
        {
            var a = await SignInAsync(known, "known@guessing.example", $"wrong-{i}");
            var b = await SignInAsync(unknown, "nobody@guessing.example", $"wrong-{i}");
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
            Assert.Equal(a.StatusCode, b.StatusCode);
            Assert.Equal(a.Headers.Location?.OriginalString, b.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task BehindAKnownProxy_TheForwardedClientIsCounted_AndNoOneElseMayForward()
    {
        using var proxy = From("127.0.0.41");
        async Task<HttpStatusCode> BadKeyAsync(HttpClient via, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/indicators");
            request.Headers.Authorization = new("Bearer", "cdn_not-a-key-0123456789abcdefghijklmnopqrstu");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await via.SendAsync(request);
            return response.StatusCode;
        }
        for (var i = 0; i < 40; i++)
        {
            await BadKeyAsync(proxy, "203.0.113.9");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(proxy, "203.0.113.9"));
        // Another visitor behind the same proxy is its own client, not the proxy's address.
        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(proxy, "203.0.113.10"));

        // A client that is not a known proxy cannot pick the address it is counted under.
        using var direct = From("127.0.0.42");
        for (var i = 0; i < 40; i++)
        {
            await BadKeyAsync(direct, $"198.51.100.{i}");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(direct, "198.51.100.200"));
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/console/sign-in");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
