namespace SmsContacts.Web.Domain;

/// <summary>A profile field an admin defined for one sender code, on top of the system fields.</summary>
public class CustomFieldDefinition
{
    public int Id { get; set; }

    public int SenderCodeId { get; set; }

    public string Name { get; set; } = "";

    public CustomFieldType Type { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// A contact's value of a custom field, stored as invariant text (numbers with '.', dates as
/// yyyy-MM-dd, yes/no as true/false) so one column serves every type.
/// </summary>
public class CustomFieldValue
{
    public long ContactId { get; set; }

    public int FieldId { get; set; }

    public CustomFieldDefinition? Field { get; set; }

    public string Value { get; set; } = "";
}
