using System.ComponentModel.DataAnnotations;

namespace SmsContacts.Web.Domain;

public enum SubscriptionStatus
{
    Active = 0,

    /// <summary>Waiting for the number to reply Y to a double opt-in request.</summary>
    Pending = 1,
}

public enum SubscribeMethod
{
    Import = 0,

    [Display(Name = "Single Contact")]
    SingleContact = 1,

    Keyword = 2,

    Form = 3,

    [Display(Name = "API")]
    Api = 4,
}

/// <summary>Why a number is opted out. Numbered in the alphabetical order of their names so sorting by reason reads naturally.</summary>
public enum OptOutReason
{
    Banned = 1,

    [Display(Name = "Carrier deactivation")]
    CarrierDeactivation = 2,

    Import = 3,

    Manual = 4,

    [Display(Name = "STOP keyword")]
    StopKeyword = 5,
}

public enum CustomFieldType
{
    Text = 0,
    Number = 1,
    Date = 2,

    [Display(Name = "Yes/No")]
    YesNo = 3,
}

public enum MessageDirection
{
    Inbound = 0,
    Outbound = 1,
}

public enum DeliveryStatus
{
    /// <summary>Stored, not yet handed to a provider (or no provider is configured).</summary>
    Queued = 0,

    Sent = 1,
    Succeeded = 2,
    Failed = 3,

    /// <summary>An inbound message.</summary>
    Received = 4,
}

public enum ConsentSource
{
    [Display(Name = "Single Contact")]
    SingleContact = 0,

    Import = 1,

    [Display(Name = "Inbound text")]
    InboundText = 2,

    [Display(Name = "User action")]
    UserAction = 3,
}

public enum UserRole
{
    Admin,
    Marketer,
}
