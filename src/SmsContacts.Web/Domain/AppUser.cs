using Microsoft.AspNetCore.Identity;

namespace SmsContacts.Web.Domain;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled user cannot sign in and is signed out at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The sender code picked in the navigation; kept in the database so every app instance sees it.</summary>
    public int? SelectedSenderCodeId { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>The columns a user hid in one grid, remembered across sign-ins.</summary>
public class UserColumnPreference
{
    public string UserId { get; set; } = "";

    public string Grid { get; set; } = "";

    /// <summary>Comma-separated column keys.</summary>
    public string HiddenColumns { get; set; } = "";
}
