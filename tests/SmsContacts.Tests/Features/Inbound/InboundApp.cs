using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

/// <summary>Signs webhook requests the way Twilio does: HMAC-SHA1 over the URL followed by every field name and value, sorted by name.</summary>
public static class TwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}

/// <summary>The app with a Twilio auth token, a client that posts signed webhooks like the provider, and optional service overrides.</summary>
public sealed class InboundApp : AppFactory
{
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string PublicBaseUrl = "https://contacts.example.com";

    private readonly Action<IServiceCollection>? _services;
    private int _sid;

    public InboundApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        : base(WithToken(settings))
    {
        _services = services;
    }

    private static Dictionary<string, string?> WithToken(Dictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?> { ["Twilio:AuthToken"] = AuthToken, ["App:PublicBaseUrl"] = PublicBaseUrl };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return all;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public string NextSid() => $"SM{Interlocked.Increment(ref _sid):D32}";

    /// <summary>Posts a form to a webhook path, signed over the public URL with the auth token (or with the given signature).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string path, Dictionary<string, string> fields, string? signature = null, bool signed = true)
    {
        using var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (signed)
        {
            request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSigner.Sign(AuthToken, PublicBaseUrl + path, fields));
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The fields Twilio posts for an inbound SMS (more than we read: all of them count in the signature).</summary>
    public Dictionary<string, string> InboundFields(string from, string body, string to = "55123", string? sid = null)
    {
        sid ??= NextSid();
        return new Dictionary<string, string>
        {
            ["ToCountry"] = "US",
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["SmsSid"] = sid,
            ["SmsStatus"] = "received",
            ["Body"] = body,
            ["To"] = to,
            ["NumSegments"] = "1",
            ["MessageSid"] = sid,
            ["AccountSid"] = "AC00000000000000000000000000000000",
            ["From"] = from,
            ["ApiVersion"] = "2010-04-01",
        };
    }

    /// <summary>Texts <paramref name="body"/> from <paramref name="from"/> through the signed webhook and returns the reply TwiML carried (null for none).</summary>
    public async Task<string?> TextAsync(string from, string body, string to = "55123", string? sid = null)
    {
        var response = await PostWebhookAsync("/webhooks/sms/inbound", InboundFields(from, body, to, sid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ReplyOf(await response.Content.ReadAsStringAsync());
    }

    public static string? ReplyOf(string twiml)
    {
        var document = System.Xml.Linq.XDocument.Parse(twiml);
        Assert.Equal("Response", document.Root!.Name.LocalName);
        var messages = document.Root.Elements("Message").ToList();
        Assert.True(messages.Count <= 1, "At most one reply per text.");
        return messages.SingleOrDefault()?.Value;
    }

    public Task<Contact?> ContactAsync(string phone) =>
        WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).SingleOrDefaultAsync(c => c.Phone == phone));

    public Task<List<Message>> MessagesAsync(string phone) =>
        WithDbAsync(db => db.Messages.AsNoTracking().Where(m => m.Phone == phone).OrderBy(m => m.Id).ToListAsync());

    public Task<List<ConsentEvent>> ConsentEventsAsync(string phone) =>
        WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.Phone == phone).OrderBy(e => e.Id).ToListAsync());

    public Task SetWelcomeMessageAsync(int listId, string welcome) =>
        WithDbAsync(db => db.Lists.Where(l => l.Id == listId).ExecuteUpdateAsync(s => s.SetProperty(l => l.WelcomeMessage, welcome)));

    public static string Text(IElement? element) => element?.TextContent.Trim() ?? "";
}
