/**
 * The C-FIND control layer: identifier validation, matching keys and their JPQL, without database or
 * network access.
 *
 * <p>How the C-FIND boundary uses it, per request:
 * <pre>{@code
 * InformationModel model = InformationModel.ofSopClass(affectedSopClassUid);
 * QueryRequest request;
 * try {
 *     request = QueryRequest.parse(identifier, model, checkFind);
 * } catch (QueryFailure f) {
 *     // C-FIND-RSP f.status(), Error Comment f.errorComment(), Offending Element f.offendingTag()
 * }
 * FindQuery q = FindQuery.of(request, calledAeTitle, PersonNameMatching.CASE_INSENSITIVE);
 * TypedQuery<Object[]> query = em.createQuery(q.jpql(), Object[].class);
 * q.parameters().forEach(query::setParameter);
 * for (Object[] row : query.getResultList()) {          // page it (setFirstResult/setMaxResults) for big indexes
 *     Attributes rsp = new Attributes();                 // request.returnKeys() is in tag order, charset first
 *     for (ReturnKey k : request.returnKeys()) {
 *         switch (k.fill()) {
 *             case SPECIFIC_CHARACTER_SET -> ...;        // the response's character set
 *             case QUERY_RETRIEVE_LEVEL -> rsp.setString(k.tag(), k.vr(), request.level().name());
 *             case RETRIEVE_AE_TITLE -> rsp.setString(k.tag(), k.vr(), calledAeTitle);
 *             case INDEX -> ...;                         // (String) q.value(row, k.key()), zero length when null
 *             case AGGREGATE -> ...;                     // k.key().aggregate().valueJpql(), :owner =
 *                                                        //   q.pk(row, k.key().aggregate().owner())
 *             case SEQUENCE -> ...;                      // k.sequence().match(decoded q.value(row, k.key()),
 *                                                        //   k.sequence().itemTest(pn), prepared once)
 *             case EMPTY -> ...;                         // zero length (an empty sequence for VR SQ)
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Supported matching (PS3.4 C.2.2.2): Single Value, Universal, Wild Card ('*', '?' counted in
 * characters), Range for DA, TM and DT, List of UID, and several values of other keys as "any of"
 * ({@link org.qrarchive.archive.query.control.Condition.AnyOf}). Sequence Matching
 * ({@link org.qrarchive.archive.query.control.SequenceKey}) for the sequences each level keeps
 * ({@code index.entity.IndexedSequences}): the database applies every other key, the item keys are then
 * matched in Java on the rows it returned ({@link org.qrarchive.archive.query.control.ValueMatching}, the
 * same rules), and a row whose sequences do not match is skipped. So the count that
 * {@code qr.find.max-matches} is checked against counts such rows too, and a query on a sequence key alone
 * reads every entity of its level. Other sequences are answered as zero-length sequences; strict mode
 * refuses a sequence key of more than one item, lenient mode answers it empty.
 */
package org.qrarchive.archive.query.control;
