<?xml version="1.0" encoding="UTF-8"?>
<!-- Plain reading text: a short metadata block, then the text with corrections applied, one paragraph per
     block, blocks separated by blank lines, wrapped at $width columns (characters). Opener and closer
     lines stay one per line; an embedded message is indented. The transcriber's marks keep their square
     brackets (plain text has no other way to set them off); page breaks are left out (the diplomatic text
     keeps them). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="width" select="72"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:variable name="label-width" select="15"/>
  <xsl:variable name="spaces" select="'                                                                        '"/>
  <xsl:variable name="rule" select="'------------------------------------------------------------------------'"/>

  <xsl:template match="/">
    <xsl:call-template name="metadata-block"/>
    <xsl:variable name="body">
      <xsl:apply-templates select="tei:TEI/tei:text" mode="blocks"/>
    </xsl:variable>
    <!-- Every block ends with a blank line; the file ends with one newline. -->
    <xsl:variable name="b" select="string($body)"/>
    <xsl:choose>
      <xsl:when test="substring($b, string-length($b) - 1) = '&#10;&#10;'">
        <xsl:value-of select="substring($b, 1, string-length($b) - 1)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$b"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Metadata block ===== -->

  <xsl:template name="metadata-block">
    <xsl:call-template name="wrap"><xsl:with-param name="text" select="$title"/></xsl:call-template>
    <xsl:value-of select="substring(translate($rule, '-', '='), 1, $width)"/>
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Date'"/>
      <xsl:with-param name="value"><xsl:call-template name="document-date"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Sender'"/>
      <xsl:with-param name="value"><xsl:call-template name="known-names"><xsl:with-param name="names" select="$senders"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Recipient'"/>
      <xsl:with-param name="value"><xsl:call-template name="known-names"><xsl:with-param name="names" select="$recipients"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Intermediary'"/>
      <xsl:with-param name="value"><xsl:call-template name="name-list"><xsl:with-param name="names" select="$intermediaries"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Sent from'"/>
      <xsl:with-param name="value"><xsl:call-template name="name-list"><xsl:with-param name="names" select="$place-sent"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Received at'"/>
      <xsl:with-param name="value"><xsl:call-template name="name-list"><xsl:with-param name="names" select="$place-received"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Number'"/>
      <xsl:with-param name="value"><xsl:call-template name="name-list"><xsl:with-param name="names" select="$doc-numbers"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Outgoing No.'"/>
      <xsl:with-param name="value"><xsl:call-template name="name-list"><xsl:with-param name="names" select="$outgoing-numbers"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Archive'"/>
      <xsl:with-param name="value" select="normalize-space($archival)"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Record ID'"/>
      <xsl:with-param name="value" select="$record-id"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Translator'"/>
      <xsl:with-param name="value"><xsl:call-template name="name-list"><xsl:with-param name="names" select="$translators"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Editors'"/>
      <xsl:with-param name="value"><xsl:call-template name="name-list"><xsl:with-param name="names" select="$editors"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Publisher'"/>
      <xsl:with-param name="value" select="$publisher"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Licence'"/>
      <xsl:with-param name="value">
        <xsl:value-of select="normalize-space($licence)"/>
        <xsl:if test="normalize-space($licence/@target)">
          <xsl:value-of select="concat(' &lt;', normalize-space($licence/@target), '&gt;')"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Identifier'"/>
      <xsl:with-param name="value" select="$edition-idno"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Source file'"/>
      <xsl:with-param name="value" select="normalize-space($transcription/tei:idno[@type = 'filename'])"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Text'"/>
      <xsl:with-param name="value">
        <xsl:variable name="corrections" select="count($app-items[self::tei:choice])"/>
        <xsl:text>Reading text. </xsl:text>
        <xsl:choose>
          <xsl:when test="$corrections = 1">1 correction by the edition is applied (the diplomatic text keeps the source reading). </xsl:when>
          <xsl:when test="$corrections &gt; 1"><xsl:value-of select="$corrections"/> corrections by the edition are applied (the diplomatic text keeps the source readings). </xsl:when>
        </xsl:choose>
        <xsl:text>Square brackets mark the transcriber's additions and notes.</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:value-of select="substring($rule, 1, $width)"/>
    <xsl:value-of select="$nl"/>
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <xsl:template name="known-names">
    <xsl:param name="names"/>
    <xsl:call-template name="name-list">
      <xsl:with-param name="names" select="$names[normalize-space() != 'unknown' or @ref]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "Label:        value", the value wrapped under itself; nothing for an empty value. -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:if test="$v != ''">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="$v"/>
        <xsl:with-param name="first" select="substring(concat($label, ':', $spaces), 1, $label-width)"/>
        <xsl:with-param name="indent" select="substring($spaces, 1, $label-width)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== Blocks ===== -->

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:div | tei:floatingText" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:apply-templates select="*" mode="blocks"><xsl:with-param name="indent" select="$indent"/></xsl:apply-templates>
  </xsl:template>

  <!-- An embedded message is indented by four columns (more for a message within a message). -->
  <xsl:template match="tei:quote[tei:floatingText]" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:apply-templates select="*" mode="blocks"><xsl:with-param name="indent" select="concat($indent, '    ')"/></xsl:apply-templates>
  </xsl:template>

  <!-- Opener, closer, list: one line (wrapped) per element, a blank line after the group. -->
  <xsl:template match="tei:opener | tei:closer | tei:list" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:variable name="lines">
      <xsl:for-each select="*[not(self::tei:pb or self::tei:fw)]">
        <xsl:call-template name="paragraph"><xsl:with-param name="indent" select="$indent"/></xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="string($lines) != ''">
      <xsl:value-of select="$lines"/>
      <xsl:value-of select="$nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb | tei:fw" mode="blocks"/>

  <xsl:template match="tei:*" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:variable name="p">
      <xsl:call-template name="paragraph"><xsl:with-param name="indent" select="$indent"/></xsl:call-template>
    </xsl:variable>
    <xsl:if test="string($p) != ''">
      <xsl:value-of select="$p"/>
      <xsl:value-of select="$nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="blocks"/>

  <!-- The element's reading text on one logical line, wrapped. -->
  <xsl:template name="paragraph">
    <xsl:param name="indent" select="''"/>
    <xsl:variable name="raw"><xsl:apply-templates mode="plain"/></xsl:variable>
    <xsl:variable name="text" select="normalize-space($raw)"/>
    <xsl:if test="$text != ''">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="$text"/>
        <xsl:with-param name="indent" select="$indent"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== Wrapping ===== -->

  <!-- Greedy word wrap of whitespace-normalised text: each line is at most $width characters (a longer
       word gets a line of its own). One recursion per output line; the line is cut at the last blank
       within reach, so the work is linear in the text. -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="indent" select="''"/>
    <xsl:param name="first" select="$indent"/>
    <xsl:variable name="room" select="$width - string-length($first)"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &lt;= $room">
        <xsl:value-of select="concat($first, $text, $nl)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="cut">
          <xsl:call-template name="last-space"><xsl:with-param name="s" select="substring($text, 1, $room + 1)"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="line">
          <xsl:choose>
            <xsl:when test="$cut &gt; 1"><xsl:value-of select="substring($text, 1, $cut - 1)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="substring-before(concat($text, ' '), ' ')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="concat($first, $line, $nl)"/>
        <xsl:variable name="rest" select="substring($text, string-length($line) + 2)"/>
        <xsl:if test="$rest != ''">
          <xsl:call-template name="wrap">
            <xsl:with-param name="text" select="$rest"/>
            <xsl:with-param name="indent" select="$indent"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Position (1-based) of the last blank in $s, 0 if none. -->
  <xsl:template name="last-space">
    <xsl:param name="s"/>
    <xsl:param name="offset" select="0"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="last-space">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="offset" select="$offset + string-length(substring-before($s, ' ')) + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$offset"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
