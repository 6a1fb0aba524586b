using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SmsContacts.Web.Infrastructure.Sms;

/// <summary>
/// The Twilio account. The auth token alone lets the app accept Twilio's webhooks (it checks their
/// signatures with it); with the account SID as well, queued outbound texts are sent through Twilio's API.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>Account SID (AC + 32 hex digits). Empty: outbound texts stay queued.</summary>
    public string AccountSid { get; set; } = "";

    /// <summary>Auth token: checks X-Twilio-Signature on webhooks and authenticates API calls. Empty: every webhook is refused.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>Optional Messaging Service SID (MG + 32 hex digits) to send through instead of from the sender code itself.</summary>
    public string MessagingServiceSid { get; set; } = "";

    public bool CanSend => AccountSid.Length > 0 && AuthToken.Length > 0;
}

internal sealed partial class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var errors = new List<string>();
        if (options.AccountSid.Length > 0 && !AccountSid().IsMatch(options.AccountSid))
        {
            errors.Add("Twilio:AccountSid must be AC followed by 32 hexadecimal digits (see the Twilio console).");
        }

        if (options.AccountSid.Length > 0 && options.AuthToken.Length == 0)
        {
            errors.Add("Twilio:AccountSid is set but Twilio:AuthToken is empty; set both to send texts.");
        }

        if (options.MessagingServiceSid.Length > 0 && !MessagingServiceSid().IsMatch(options.MessagingServiceSid))
        {
            errors.Add("Twilio:MessagingServiceSid must be MG followed by 32 hexadecimal digits, or empty.");
        }

        if (options.MessagingServiceSid.Length > 0 && options.AccountSid.Length == 0)
        {
            errors.Add("Twilio:MessagingServiceSid needs Twilio:AccountSid and Twilio:AuthToken.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSid();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex MessagingServiceSid();
}
