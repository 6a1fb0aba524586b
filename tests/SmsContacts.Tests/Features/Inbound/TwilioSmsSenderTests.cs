using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Tests.Features.Inbound;

/// <summary>The Twilio adapter against a stand-in for Twilio's HTTP API (the HttpClient's handler, not the package).</summary>
public sealed class TwilioSmsSenderTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "secret-auth-token";
    private static readonly Uri Callback = new("https://contacts.example.com/webhooks/sms/status");

    [Fact]
    public async Task Send_PostsToTwilioMessagesApi_FromTheSenderCode_AndReturnsTheMessageSid()
    {
        var api = new FakeTwilioApi(HttpStatusCode.Created, """{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued"}""");
        var sender = Sender(api, new TwilioOptions { AccountSid = AccountSid, AuthToken = AuthToken });

        var result = await sender.SendAsync(new OutgoingSms("55123", "+12122000001", "Welcome to VIP & more!", Callback), CancellationToken.None);

        Assert.Equal(new SmsSendResult(SmsSendOutcome.Accepted, "SM0123456789abcdef0123456789abcdef"), result);
        var request = Assert.Single(api.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages.json", request.Uri.ToString());
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")), request.Authorization);
        Assert.Equal("+12122000001", request.Form["To"]);
        Assert.Equal("55123", request.Form["From"]);
        Assert.Equal("Welcome to VIP & more!", request.Form["Body"]);
        Assert.Equal(Callback.ToString(), request.Form["StatusCallback"]);
        Assert.False(request.Form.ContainsKey("MessagingServiceSid"));
    }

    [Fact]
    public async Task Send_WithAMessagingService_SendsThroughItInsteadOfFromTheSenderCode()
    {
        var api = new FakeTwilioApi(HttpStatusCode.Created, """{"sid": "SM0123456789abcdef0123456789abcde0"}""");
        var sender = Sender(api, new TwilioOptions { AccountSid = AccountSid, AuthToken = AuthToken, MessagingServiceSid = "MG0123456789abcdef0123456789abcdef" });

        await sender.SendAsync(new OutgoingSms("55123", "+12122000001", "Hi", Callback), CancellationToken.None);

        var form = Assert.Single(api.Requests).Form;
        Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
    }

    [Fact]
    public async Task Send_ThatTwilioRefuses_IsRejectedWithTwiliosErrorCode()
    {
        var api = new FakeTwilioApi(HttpStatusCode.BadRequest, """{"code": 21610, "message": "Attempt to send to unsubscribed recipient", "more_info": "https://www.twilio.com/docs/errors/21610", "status": 400}""");

        var result = await Sender(api, new TwilioOptions { AccountSid = AccountSid, AuthToken = AuthToken })
            .SendAsync(new OutgoingSms("55123", "+12122000001", "Hi", Callback), CancellationToken.None);

        Assert.Equal(new SmsSendResult(SmsSendOutcome.Rejected, ErrorCode: "21610"), result);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Send_WhenTwilioCannotTakeItNow_AsksToTryLater(HttpStatusCode status)
    {
        var api = new FakeTwilioApi(status, $$"""{"code": 20429, "message": "Too Many Requests", "status": {{(int)status}}}""");

        var result = await Sender(api, new TwilioOptions { AccountSid = AccountSid, AuthToken = AuthToken })
            .SendAsync(new OutgoingSms("55123", "+12122000001", "Hi", Callback), CancellationToken.None);

        Assert.Equal(SmsSendOutcome.TryLater, result.Outcome);
    }

    [Fact]
    public async Task Send_WhenTwilioCannotBeReached_AsksToTryLater()
    {
        var api = new FakeTwilioApi(new HttpRequestException("Connection refused"));

        var result = await Sender(api, new TwilioOptions { AccountSid = AccountSid, AuthToken = AuthToken })
            .SendAsync(new OutgoingSms("55123", "+12122000001", "Hi", Callback), CancellationToken.None);

        Assert.Equal(SmsSendOutcome.TryLater, result.Outcome);
    }

    [Fact]
    public async Task WithoutAnAccountSid_NothingIsSent()
    {
        var api = new FakeTwilioApi(HttpStatusCode.Created, "{}");
        var sender = Sender(api, new TwilioOptions { AuthToken = AuthToken });

        Assert.False(sender.IsConfigured);
        Assert.Equal(SmsSendOutcome.TryLater, (await sender.SendAsync(new OutgoingSms("55123", "+12122000001", "Hi", Callback), CancellationToken.None)).Outcome);
        Assert.Empty(api.Requests);
    }

    private static TwilioSmsSender Sender(FakeTwilioApi api, TwilioOptions options)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(TwilioSmsSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);
        var factory = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new TwilioSmsSender(Options.Create(options), factory, NullLogger<TwilioSmsSender>.Instance);
    }

    private sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, Dictionary<string, string> Form);

    private sealed class FakeTwilioApi : HttpMessageHandler
    {
        private readonly HttpStatusCode _status;
        private readonly string _json = "";
        private readonly Exception? _failure;

        public FakeTwilioApi(HttpStatusCode status, string json) => (_status, _json) = (status, json);

        public FakeTwilioApi(Exception failure) => _failure = failure;

        public List<RecordedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), form));
            return new HttpResponseMessage(_status) { Content = new StringContent(_json, Encoding.UTF8, "application/json") };
        }
    }
}
