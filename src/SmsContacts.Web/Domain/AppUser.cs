using Microsoft.AspNetCore.Identity;

namespace SmsContacts.Web.Domain;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled user cannot sign in and is signed out at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>
    /// The sender code last picked in the navigation: the one a new browser session starts in. The sender code a
    /// browser works in belongs to its session (<c>SenderCodeScope</c>), so two browsers can work in two codes.
    /// </summary>
    public int? SelectedSenderCodeId { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>
    /// The IANA time zone (America/New_York) every date on screen is shown in for this user; null until the
    /// user picks one (until then: the site's default for new users, and each page offers the browser's zone).
    /// </summary>
    public string? TimeZoneId { get; set; }
}

/// <summary>Settings an admin makes for the whole site. One row (Id 1), created when first saved.</summary>
public class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The IANA time zone a user sees dates in before picking one; null means UTC.</summary>
    public string? DefaultTimeZoneId { get; set; }
}

/// <summary>The columns a user hid in one grid, remembered across sign-ins.</summary>
public class UserColumnPreference
{
    public string UserId { get; set; } = "";

    public string Grid { get; set; } = "";

    /// <summary>Comma-separated column keys.</summary>
    public string HiddenColumns { get; set; } = "";
}

/// <summary>
/// A sender code a Marketer may use: see its contacts, import, export, act on them. Admins use every
/// sender code without rows here. Assigned on the user's admin page; deleted with the user.
/// </summary>
public class UserSenderCode
{
    public string UserId { get; set; } = "";

    public int SenderCodeId { get; set; }
}
