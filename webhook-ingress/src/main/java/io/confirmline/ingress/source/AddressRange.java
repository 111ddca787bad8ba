/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.confirmline.ingress.source;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** One address or CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), IPv4 or IPv6. Literals only: no DNS. */
record AddressRange(byte[] network, int prefixLength) {

    static AddressRange parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] address = literal(parts[0]);
        int bits = address.length * 8;
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("Bad prefix length in " + text);
        }
        return new AddressRange(address, prefix);
    }

    boolean contains(InetAddress candidate) {
        byte[] bytes = candidate.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int shift = network.length * 8 - prefixLength;
        return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }

    /** Parses an IP literal; refuses host names so configuration never triggers a DNS lookup. */
    static byte[] literal(String text) {
        String trimmed = text.trim();
        if (!trimmed.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("Not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(trimmed).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + text, e);
        }
    }
}
