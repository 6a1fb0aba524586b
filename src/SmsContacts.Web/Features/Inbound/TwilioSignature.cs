using System.Collections.Specialized;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Sms;
using SmsContacts.Web.Infrastructure.Web;
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

    /// <summary>
    /// Largest webhook body read: Twilio's inbound form (a 1,600-character body, up to ten media links and the
    /// rest) is a few KB, so 64 KiB leaves room; a bigger body is refused (413) before it is read.
    /// </summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Most fields a webhook form may hold (Twilio posts a few dozen); more is refused (400).</summary>
    public const int MaxFields = 1024;

    /// <summary>
    /// Reads the form within <see cref="MaxBodyBytes"/> and <see cref="MaxFields"/> and checks the signature
    /// over it. The form read here is the one the action binds afterwards (it is read once per request).
    /// </summary>
    public async Task<SignatureCheck> CheckAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return SignatureCheck.TooLarge;
        }

        var signature = request.Headers[Header].ToString();
        if (_validator is null || signature.Length == 0)
        {
            return SignatureCheck.Invalid;
        }

        var parameters = new NameValueCollection();
        if (request.HasFormContentType)
        {
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = MaxBodyBytes;
            }

            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                ValueCountLimit = MaxFields,
                ValueLengthLimit = (int)MaxBodyBytes,
                KeyLengthLimit = 1024,
                MultipartBodyLengthLimit = MaxBodyBytes,
                MultipartHeadersLengthLimit = 16 * 1024,
                BufferBodyLengthLimit = MaxBodyBytes,
            }));
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception e) when (UnreadableRequest.StatusCodeFor(e) is { } status)
            {
                // Too many fields, a field too long, a malformed or cut body: the client's fault, as for every form.
                return status == StatusCodes.Status413PayloadTooLarge ? SignatureCheck.TooLarge : SignatureCheck.Unreadable;
            }

            foreach (var (key, values) in form)
            {
                foreach (var value in values)
                {
                    parameters.Add(key, value);
                }
            }
        }

        return _validator.Validate(PublicUrlOf(request), parameters, signature) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }
}

public enum SignatureCheck
{
    Valid,
    Invalid,

    /// <summary>Over <see cref="TwilioWebhookSignature.MaxBodyBytes"/>: 413.</summary>
    TooLarge,

    /// <summary>Too many fields or a form that cannot be read: 400.</summary>
    Unreadable,
}

/// <summary>
/// Refuses (403, before anything is written) a webhook whose signature does not check out, and a body too large
/// (413) or a form that cannot be read (400) before it could become a server error.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireTwilioSignatureAttribute : Attribute, IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var signature = http.RequestServices.GetRequiredService<TwilioWebhookSignature>();
        var check = await signature.CheckAsync(http.Request, http.RequestAborted);
        if (check == SignatureCheck.Valid)
        {
            return;
        }

        if (check is SignatureCheck.TooLarge or SignatureCheck.Unreadable)
        {
            var (status, message) = check == SignatureCheck.TooLarge
                ? (StatusCodes.Status413PayloadTooLarge, $"The webhook body is over {TwilioWebhookSignature.MaxBodyBytes / 1024} KiB.")
                : (StatusCodes.Status400BadRequest, $"The webhook form cannot be read (at most {TwilioWebhookSignature.MaxFields} fields).");
            context.Result = new ContentResult { StatusCode = status, Content = message, ContentType = "text/plain" };
            return;
        }

        http.RequestServices.GetRequiredService<ILogger<TwilioWebhookSignature>>()
            .LogWarning("Refused a webhook to {Path}: missing or wrong {Header} (is App:PublicBaseUrl the address the provider calls, and Twilio:AuthToken set?)", http.Request.Path, TwilioWebhookSignature.Header);
        context.Result = new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = "Missing or invalid X-Twilio-Signature.", ContentType = "text/plain" };
    }
}
