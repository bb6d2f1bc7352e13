package com.retail.identity.query.api;

/** A country of the reference list: ISO 3166-1 alpha-2 code, English name, calling code ("+44"). */
public record CountryView(String code, String name, String callingCode) {}
