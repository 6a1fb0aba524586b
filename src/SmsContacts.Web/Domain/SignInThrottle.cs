namespace SmsContacts.Web.Domain;

/// <summary>
/// Failed sign-ins counted under one key: an account (<c>account:</c> + normalized email, kept for emails
/// that have no user too, so the answer never tells which exist), a client network (<c>ip:</c> + IPv4
/// address or IPv6 /64), or a browser the account signed in from before (<c>device:</c> + its cookie's id).
/// Shared by every app instance through the database.
/// </summary>
public class SignInThrottle
{
    public const int MaxKeyLength = 200;

    public string Key { get; set; } = "";

    /// <summary>Failed attempts in a row, reset by a successful sign-in, an admin's unlock, or a day without failures.</summary>
    public int Failures { get; set; }

    /// <summary>UTC time of the latest failure; the wait runs from here.</summary>
    public DateTime LastFailureUtc { get; set; }
}
