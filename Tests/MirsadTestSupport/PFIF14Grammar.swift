/// PFIF 1.4 as a RELAX NG grammar, for checking exports with `xmllint --relaxng`.
///
/// Written for these tests from the field list and value patterns of the PFIF 1.4
/// specification (zesty.ca/pfif/1.4, section 5, which defines the format in RELAX NG Compact;
/// there is no official XSD for 1.4). Field order is free, as the specification says.
public enum PFIF14Grammar {
    public static let text = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <grammar xmlns="http://relaxng.org/ns/structure/1.0" xmlns:pfif="http://zesty.ca/pfif/1.4" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
          <start><element name="pfif:pfif"><interleave><zeroOrMore><ref name="person"/></zeroOrMore><zeroOrMore><ref name="note"/></zeroOrMore></interleave></element></start>
          <define name="person"><element name="pfif:person"><interleave>
              <element name="pfif:person_record_id"><ref name="record_id"/></element>
              <optional><element name="pfif:entry_date"><ref name="time"/></element></optional>
              <optional><element name="pfif:expiry_date"><ref name="time"/></element></optional>
              <optional><element name="pfif:author_name"><text/></element></optional>
              <optional><element name="pfif:author_email"><ref name="email"/></element></optional>
              <optional><element name="pfif:author_phone"><ref name="phone"/></element></optional>
              <optional><element name="pfif:source_name"><text/></element></optional>
              <element name="pfif:source_date"><ref name="time"/></element>
              <optional><element name="pfif:source_url"><text/></element></optional>
              <element name="pfif:full_name"><text/></element>
              <optional><element name="pfif:given_name"><text/></element></optional>
              <optional><element name="pfif:family_name"><text/></element></optional>
              <optional><element name="pfif:alternate_names"><text/></element></optional>
              <optional><element name="pfif:description"><text/></element></optional>
              <optional><element name="pfif:sex"><ref name="sex"/></element></optional>
              <optional><element name="pfif:date_of_birth"><ref name="approx_date"/></element></optional>
              <optional><element name="pfif:age"><ref name="approx_age"/></element></optional>
              <optional><element name="pfif:home_street"><text/></element></optional>
              <optional><element name="pfif:home_neighborhood"><text/></element></optional>
              <optional><element name="pfif:home_city"><text/></element></optional>
              <optional><element name="pfif:home_state"><text/></element></optional>
              <optional><element name="pfif:home_postal_code"><text/></element></optional>
              <optional><element name="pfif:home_country"><ref name="country_code"/></element></optional>
              <optional><element name="pfif:photo_url"><text/></element></optional>
              <optional><element name="pfif:profile_urls"><text/></element></optional>
              <zeroOrMore><ref name="note"/></zeroOrMore>
          </interleave></element></define>
          <define name="note"><element name="pfif:note"><interleave>
              <element name="pfif:note_record_id"><ref name="record_id"/></element>
              <optional><element name="pfif:person_record_id"><ref name="record_id"/></element></optional>
              <optional><element name="pfif:linked_person_record_id"><ref name="record_id"/></element></optional>
              <optional><element name="pfif:entry_date"><ref name="time"/></element></optional>
              <element name="pfif:author_name"><text/></element>
              <optional><element name="pfif:author_email"><ref name="email"/></element></optional>
              <optional><element name="pfif:author_phone"><ref name="phone"/></element></optional>
              <element name="pfif:source_date"><ref name="time"/></element>
              <optional><element name="pfif:author_made_contact"><ref name="boolean"/></element></optional>
              <optional><element name="pfif:status"><ref name="status"/></element></optional>
              <optional><element name="pfif:email_of_found_person"><ref name="email"/></element></optional>
              <optional><element name="pfif:phone_of_found_person"><ref name="phone"/></element></optional>
              <optional><element name="pfif:last_known_location"><text/></element></optional>
              <element name="pfif:text"><text/></element>
              <optional><element name="pfif:photo_url"><text/></element></optional>
          </interleave></element></define>
          <define name="record_id"><data type="string"><param name="pattern">.+/.+</param></data></define>
          <define name="time"><data type="dateTime"><param name="pattern">\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z</param></data></define>
          <define name="email"><data type="string"><param name="pattern">.+@.+</param></data></define>
          <define name="phone"><data type="string"><param name="pattern">[\-+()\d ]+</param></data></define>
          <define name="approx_date"><data type="string"><param name="pattern">\d\d\d\d(-\d\d(-\d\d)?)?</param></data></define>
          <define name="approx_age"><data type="string"><param name="pattern">\d+(-\d+)?</param></data></define>
          <define name="country_code"><data type="string"><param name="pattern">[A-Z][A-Z]</param></data></define>
          <define name="sex"><choice><value>female</value><value>male</value><value>other</value></choice></define>
          <define name="boolean"><choice><value>true</value><value>false</value></choice></define>
          <define name="status"><choice><value>information_sought</value><value>is_note_author</value><value>believed_alive</value><value>believed_missing</value><value>believed_dead</value></choice></define>
        </grammar>
        """#
}
