using System.Text.Json.Nodes;

namespace Optimize.Emulator.Prices;

/// <summary>
/// One Retail Prices item, with the fields and JSON names of the reference (azure-retail-prices.md, "API response examples" and
/// "API property details"): <c>reservationTerm</c> only on <c>Reservation</c> items, as in the reservation example. Prices are
/// held in USD (the currency Microsoft prices in, "Important" note of the reference); <see cref="ToJson"/> converts.
/// </summary>
internal sealed record PriceItem
{
    /// <summary>The JSON names of every item, in the reference's order (<c>reservationTerm</c> is optional and not listed).</summary>
    public static readonly string[] Fields =
    [
        "currencyCode", "tierMinimumUnits", "retailPrice", "unitPrice", "armRegionName", "location", "effectiveStartDate",
        "meterId", "meterName", "productId", "skuId", "productName", "skuName", "serviceName", "serviceId", "serviceFamily",
        "unitOfMeasure", "type", "isPrimaryMeterRegion", "armSkuName",
    ];

    /// <summary>Currency of <see cref="RetailPrice"/> and <see cref="UnitPrice"/>.</summary>
    public string CurrencyCode { get; init; } = "USD";

    /// <summary>Minimum units of consumption to avail the price.</summary>
    public decimal TierMinimumUnits { get; init; }

    /// <summary><c>1 Year</c> or <c>3 Years</c> on reservation items, else null (absent from the JSON).</summary>
    public string? ReservationTerm { get; init; }

    /// <summary>Price without discount.</summary>
    public decimal RetailPrice { get; init; }

    /// <summary>Unit price (equal to the retail price in every example of the reference).</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>ARM region name (<c>westeurope</c>).</summary>
    public required string ArmRegionName { get; init; }

    /// <summary>Display location (<c>EU West</c>).</summary>
    public required string Location { get; init; }

    /// <summary>When the price takes effect, ISO 8601 (<c>2020-08-01T00:00:00Z</c>).</summary>
    public required string EffectiveStartDate { get; init; }

    /// <summary>Meter id (a GUID).</summary>
    public required string MeterId { get; init; }

    /// <summary>Meter name (<c>F16s Spot</c>).</summary>
    public required string MeterName { get; init; }

    /// <summary>Product id (<c>DZH318Z0BQPS</c>).</summary>
    public required string ProductId { get; init; }

    /// <summary>SKU id (<c>DZH318Z0BQPS/00TG</c>).</summary>
    public required string SkuId { get; init; }

    /// <summary>Product name (<c>Virtual Machines FS Series Windows</c>).</summary>
    public required string ProductName { get; init; }

    /// <summary>SKU name (<c>F16s Spot</c>).</summary>
    public required string SkuName { get; init; }

    /// <summary>Service name (<c>Virtual Machines</c>).</summary>
    public required string ServiceName { get; init; }

    /// <summary>Service id (<c>DZH313Z7MMC8</c>).</summary>
    public required string ServiceId { get; init; }

    /// <summary>Service family (<c>Compute</c>).</summary>
    public required string ServiceFamily { get; init; }

    /// <summary>How usage is measured (<c>1 Hour</c>).</summary>
    public required string UnitOfMeasure { get; init; }

    /// <summary><c>Consumption</c>, <c>DevTestConsumption</c> or <c>Reservation</c> (the <c>priceType</c> of filters).</summary>
    public required string Type { get; init; }

    /// <summary>Whether the meter region is the primary one.</summary>
    public bool IsPrimaryMeterRegion { get; init; } = true;

    /// <summary>SKU name registered in Azure (<c>Standard_F16s</c>); empty when the meter has none.</summary>
    public required string ArmSkuName { get; init; }

    /// <summary>The item's JSON, prices multiplied by <paramref name="rate"/> and labelled <paramref name="currency"/>.</summary>
    public JsonObject ToJson(string currency = "USD", decimal rate = 1m)
    {
        var json = new JsonObject
        {
            ["currencyCode"] = currency,
            ["tierMinimumUnits"] = TierMinimumUnits,
        };
        if (ReservationTerm is not null)
        {
            json["reservationTerm"] = ReservationTerm;
        }

        json["retailPrice"] = RetailPrice * rate;
        json["unitPrice"] = UnitPrice * rate;
        json["armRegionName"] = ArmRegionName;
        json["location"] = Location;
        json["effectiveStartDate"] = EffectiveStartDate;
        json["meterId"] = MeterId;
        json["meterName"] = MeterName;
        json["productId"] = ProductId;
        json["skuId"] = SkuId;
        json["productName"] = ProductName;
        json["skuName"] = SkuName;
        json["serviceName"] = ServiceName;
        json["serviceId"] = ServiceId;
        json["serviceFamily"] = ServiceFamily;
        json["unitOfMeasure"] = UnitOfMeasure;
        json["type"] = Type;
        json["isPrimaryMeterRegion"] = IsPrimaryMeterRegion;
        json["armSkuName"] = ArmSkuName;
        return json;
    }

    /// <summary>Reads an item in the reference's shape: every field of <see cref="Fields"/> present with its JSON type.</summary>
    /// <exception cref="FormatException">A field is missing, of the wrong type, or not one the reference lists.</exception>
    public static PriceItem Parse(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            throw new FormatException("A price item must be a JSON object.");
        }

        var unknown = json.Select(p => p.Key).Where(k => !Fields.Contains(k, StringComparer.Ordinal) && k != "reservationTerm").ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"Fields the reference does not list: {string.Join(", ", unknown)}.");
        }

        return new PriceItem
        {
            CurrencyCode = Text(json, "currencyCode"),
            TierMinimumUnits = Number(json, "tierMinimumUnits"),
            ReservationTerm = json.ContainsKey("reservationTerm") ? Text(json, "reservationTerm") : null,
            RetailPrice = Number(json, "retailPrice"),
            UnitPrice = Number(json, "unitPrice"),
            ArmRegionName = Text(json, "armRegionName"),
            Location = Text(json, "location"),
            EffectiveStartDate = Text(json, "effectiveStartDate"),
            MeterId = Text(json, "meterId"),
            MeterName = Text(json, "meterName"),
            ProductId = Text(json, "productId"),
            SkuId = Text(json, "skuId"),
            ProductName = Text(json, "productName"),
            SkuName = Text(json, "skuName"),
            ServiceName = Text(json, "serviceName"),
            ServiceId = Text(json, "serviceId"),
            ServiceFamily = Text(json, "serviceFamily"),
            UnitOfMeasure = Text(json, "unitOfMeasure"),
            Type = Text(json, "type"),
            IsPrimaryMeterRegion = json["isPrimaryMeterRegion"] is JsonValue b && b.TryGetValue<bool>(out var primary)
                ? primary
                : throw new FormatException("'isPrimaryMeterRegion' must be a boolean."),
            ArmSkuName = Text(json, "armSkuName"),
        };
    }

    private static string Text(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"'{name}' must be a string.");

    private static decimal Number(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : throw new FormatException($"'{name}' must be a number.");
}
