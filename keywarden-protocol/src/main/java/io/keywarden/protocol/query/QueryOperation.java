package io.keywarden.protocol.query;

/**
 * One operation of a Query model.
 *
 * @param input the input shape, or {@code null}
 * @param output the output shape, or {@code null}
 * @param resultWrapper the element around the output's members ({@code AssumeRoleResult}), or
 *     {@code null}
 */
record QueryOperation(String name, WireStructure input, WireStructure output, String resultWrapper) {}
