using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace SmsContacts.Web.Infrastructure.Sms;

/// <summary>Sends texts through Twilio's Messages API with the Twilio package.</summary>
public sealed class TwilioSmsSender(IOptions<TwilioOptions> options, IHttpClientFactory httpClients, ILogger<TwilioSmsSender> logger) : ISmsSender
{
    public const string HttpClientName = "twilio";

    private readonly TwilioOptions _options = options.Value;

    public bool IsConfigured => _options.CanSend;

    public async Task<SmsSendResult> SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        if (!IsConfigured)
        {
            return new SmsSendResult(SmsSendOutcome.TryLater, ErrorCode: "NotConfigured");
        }

        // A client per send is cheap; the pooled HttpClient underneath is what must be shared.
        var client = new TwilioRestClient(_options.AccountSid, _options.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
        var create = new CreateMessageOptions(new PhoneNumber(sms.To)) { Body = sms.Body, StatusCallback = sms.StatusCallback };
        if (_options.MessagingServiceSid.Length > 0)
        {
            create.MessagingServiceSid = _options.MessagingServiceSid;
        }
        else
        {
            create.From = new PhoneNumber(sms.From);
        }

        try
        {
            // The package's call takes no cancellation token; the HttpClient timeout bounds it.
            var message = await MessageResource.CreateAsync(create, client);
            return new SmsSendResult(SmsSendOutcome.Accepted, message.Sid);
        }
        catch (ApiException e) when (e.Status == 429 || e.Status >= 500)
        {
            logger.LogWarning("Twilio could not take a text now ({Status} {Code}: {Message}); it stays queued", e.Status, e.Code, e.Message);
            return new SmsSendResult(SmsSendOutcome.TryLater, ErrorCode: e.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (ApiException e)
        {
            logger.LogWarning("Twilio refused a text ({Status} {Code}: {Message})", e.Status, e.Code, e.Message);
            var code = e.Code != 0 ? e.Code : e.Status;
            return new SmsSendResult(SmsSendOutcome.Rejected, ErrorCode: code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (IsTimeout(e) && !ct.IsCancellationRequested)
        {
            // Twilio may or may not have taken it: failing it is the choice that never texts a person twice.
            logger.LogWarning("Twilio did not answer in time; the text is marked failed rather than risk sending it twice");
            return new SmsSendResult(SmsSendOutcome.Rejected, ErrorCode: "Timeout");
        }
        catch (Exception e) when (e is ApiConnectionException or HttpRequestException)
        {
            logger.LogWarning(e, "Could not reach Twilio; the text stays queued");
            return new SmsSendResult(SmsSendOutcome.TryLater, ErrorCode: "Connection");
        }
    }

    /// <summary>The package wraps transport failures in ApiConnectionException; a timeout shows as a cancelled task inside.</summary>
    private static bool IsTimeout(Exception e) =>
        e is TaskCanceledException or TimeoutException || (e is ApiConnectionException && e.InnerException is { } inner && IsTimeout(inner));
}
