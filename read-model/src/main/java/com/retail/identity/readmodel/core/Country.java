package com.retail.identity.readmodel.core;

/** A country: ISO 3166-1 alpha-2 code, English name, international calling code ("+1"). */
public record Country(String code, String name, String callingCode) {}
