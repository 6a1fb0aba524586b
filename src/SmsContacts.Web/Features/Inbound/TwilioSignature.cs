using System.Collections.Specialized;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Sms;
using Twilio.Security;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>
/// Checks X-Twilio-Signature with the Twilio package's validator: an HMAC of the URL the provider called
/// and the posted fields, keyed with the auth token. The URL is rebuilt from App:PublicBaseUrl, not from
/// the request, because behind a proxy the request's own host and scheme are not what the provider signed.
/// </summary>
public sealed class TwilioWebhookSignature(IOptions<TwilioOptions> twilio, IOptions<AppOptions> app)
{
    public const string Header = "X-Twilio-Signature";

    private readonly RequestValidator? _validator = twilio.Value.AuthToken.Length > 0 ? new RequestValidator(twilio.Value.AuthToken) : null;
    private readonly string _publicBase = app.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The URL the provider signed for this request.</summary>
    public string PublicUrlOf(HttpRequest request) =>
        _publicBase + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();

    public async Task<bool> IsValidAsync(HttpRequest request, CancellationToken ct)
    {
        var signature = request.Headers[Header].ToString();
        if (_validator is null || signature.Length == 0)
        {
            return false;
        }

        var parameters = new NameValueCollection();
        if (request.HasFormContentType)
        {
            foreach (var (key, values) in await request.ReadFormAsync(ct))
            {
                foreach (var value in values)
                {
                    parameters.Add(key, value);
                }
            }
        }

        return _validator.Validate(PublicUrlOf(request), parameters, signature);
    }
}

/// <summary>Refuses (403, before anything is read or written) a webhook whose signature does not check out.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireTwilioSignatureAttribute : Attribute, IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var signature = http.RequestServices.GetRequiredService<TwilioWebhookSignature>();
        if (await signature.IsValidAsync(http.Request, http.RequestAborted))
        {
            return;
        }

        http.RequestServices.GetRequiredService<ILogger<TwilioWebhookSignature>>()
            .LogWarning("Refused a webhook to {Path}: missing or wrong {Header} (is App:PublicBaseUrl the address the provider calls, and Twilio:AuthToken set?)", http.Request.Path, TwilioWebhookSignature.Header);
        context.Result = new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = "Missing or invalid X-Twilio-Signature.", ContentType = "text/plain" };
    }
}
