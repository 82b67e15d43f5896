package org.libertymail.ejb.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.mime.MessageText;

/**
 * The word index behind IMAP SEARCH BODY and TEXT (Apache Lucene, in a directory of this
 * server's own: mailserver.search.index.dir). A folder's messages are indexed when it is first
 * searched, and after that the ones added since: UIDs only ascend, so "indexed up to UID n" per
 * folder says what is missing. Each message is a document of its folder id and UID with the
 * decoded text of its text parts.
 * <p>
 * The answer is exact, as RFC 3501 asks (a substring, ignoring case): a string of one word
 * matches the messages with a word that contains it (a wildcard query over the index's words);
 * one of several words narrows the candidates to messages with such words for each, whose text
 * is then checked. A string without letters or digits is not answered here (null): the caller
 * reads the messages. Expunged messages stay in the index; the caller keeps only the UIDs it
 * still has. Several servers on one database each keep their own index.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TextIndex {
    private static final Logger LOG = Logger.getLogger(TextIndex.class.getName());
    private static final int BATCH = 50;
    private static final String ID = "id";
    private static final String FOLDER = "folder";
    private static final String UID = "uid";
    private static final String BODY = "body";
    private static final String MARKER = "marker";
    private static final String UPTO = "upto";

    @EJB
    MessageStore store;

    private final Analyzer analyzer = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final Map<Long, Long> indexedUpTo = new ConcurrentHashMap<>();
    private final Map<Long, Object> folderLocks = new ConcurrentHashMap<>();
    private FSDirectory directory;
    private IndexWriter writer;
    private SearcherManager searchers;

    @PostConstruct
    void open() {
        Path dir = Path.of(ConfigProvider.getConfig().getOptionalValue("mailserver.search.index.dir", String.class)
                .orElse(System.getProperty("java.io.tmpdir") + "/libertymail-search-index"));
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + dir, e);
        }
    }

    @PreDestroy
    void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Closing the search index failed", e);
        }
    }

    /**
     * The UIDs of the folder's messages whose text parts contain {@code text}, ignoring case;
     * null when the text has no words to look up, or the folder does not exist.
     */
    public Set<Long> search(String account, String folder, String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return null;
        }
        // no UID lies above Long.MAX_VALUE: this only finds the folder's id
        MessageStore.Unindexed found = StoreCalls.run(() -> store.unindexed(account, folder, Long.MAX_VALUE));
        if (found == null) {
            return null;
        }
        long folderId = found.folderId();
        try {
            catchUp(account, folder, folderId);
            Set<Long> candidates = candidates(folderId, words);
            String needle = text.toLowerCase(Locale.ROOT);
            if (words.size() == 1 && words.get(0).equals(needle)) {
                return candidates; // a string that is one word occurs only inside a word
            }
            return verified(account, folder, candidates, needle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indexes the folder's messages above the highest UID indexed so far. */
    private void catchUp(String account, String folder, long folderId) throws IOException {
        synchronized (folderLocks.computeIfAbsent(folderId, k -> new Object())) {
            long upTo = indexedUpTo.computeIfAbsent(folderId, this::storedUpTo);
            MessageStore.Unindexed missing = StoreCalls.run(() -> store.unindexed(account, folder, upTo));
            if (missing == null || missing.uids().isEmpty()) {
                return;
            }
            List<Long> uids = missing.uids();
            for (int from = 0; from < uids.size(); from += BATCH) {
                List<Long> batch = uids.subList(from, Math.min(uids.size(), from + BATCH));
                for (MessageData m : StoreCalls.run(() -> store.fetch(account, folder, batch, MessageLoad.ALL))) {
                    writer.updateDocument(new Term(ID, folderId + ":" + m.uid()), document(account, folder, folderId, m));
                }
            }
            long last = uids.get(uids.size() - 1);
            Document marker = new Document();
            marker.add(new StringField(MARKER, Long.toString(folderId), Field.Store.NO));
            marker.add(new StoredField(UPTO, last));
            writer.updateDocument(new Term(MARKER, Long.toString(folderId)), marker);
            writer.commit();
            searchers.maybeRefreshBlocking();
            indexedUpTo.put(folderId, last);
        }
    }

    private Document document(String account, String folder, long folderId, MessageData m) {
        MessageText.Bytes bytes = bytes(account, folder, m);
        Document doc = new Document();
        doc.add(new StringField(ID, folderId + ":" + m.uid(), Field.Store.NO));
        doc.add(new StringField(FOLDER, Long.toString(folderId), Field.Store.NO));
        doc.add(new NumericDocValuesField(UID, m.uid()));
        if (m.structure() != null) {
            for (String part : MessageText.textParts(m.structure(), bytes)) {
                doc.add(new TextField(BODY, part, Field.Store.NO));
            }
        }
        return doc;
    }

    /** The message's bytes: from its inline content, or read from the store when it is large. */
    private MessageText.Bytes bytes(String account, String folder, MessageData m) {
        return (from, to) -> {
            if (m.content() != null) {
                return Arrays.copyOfRange(m.content(), (int) from, (int) to);
            }
            byte[] read = StoreCalls.run(() -> store.readContent(account, folder, m.uid(), from, (int) (to - from)));
            return read == null ? new byte[0] : read;
        };
    }

    /** The highest UID of the folder the index holds, after a restart: its marker document. */
    private long storedUpTo(long folderId) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(new TermQuery(new Term(MARKER, Long.toString(folderId))), 1);
                if (top.scoreDocs.length == 0) {
                    return 0;
                }
                return searcher.storedFields().document(top.scoreDocs[0].doc).getField(UPTO).numericValue().longValue();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder's messages with, for every word, a word that contains it. */
    private Set<Long> candidates(long folderId, List<String> words) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(FOLDER, Long.toString(folderId))), BooleanClause.Occur.FILTER);
        for (String word : words) {
            query.add(new WildcardQuery(new Term(BODY, "*" + escape(word) + "*")), BooleanClause.Occur.FILTER);
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.search(query.build(), new UidCollectors());
        } finally {
            searchers.release(searcher);
        }
    }

    /** Collects the UIDs of the matching documents, one collector per index segment. */
    private static final class UidCollectors implements CollectorManager<UidCollector, Set<Long>> {
        @Override
        public UidCollector newCollector() {
            return new UidCollector();
        }

        @Override
        public Set<Long> reduce(Collection<UidCollector> collectors) {
            Set<Long> uids = new HashSet<>();
            collectors.forEach(c -> uids.addAll(c.uids));
            return uids;
        }
    }

    private static final class UidCollector extends SimpleCollector {
        private final Set<Long> uids = new HashSet<>();
        private NumericDocValues values;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = context.reader().getNumericDocValues(UID);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (values != null && values.advanceExact(doc)) {
                uids.add(values.longValue());
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** The candidates whose text really holds the string (it may span words and what lies between). */
    private Set<Long> verified(String account, String folder, Set<Long> candidates, String needle) {
        Set<Long> matches = new HashSet<>();
        List<Long> all = new ArrayList<>(candidates);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            for (MessageData m : StoreCalls.run(() -> store.fetch(account, folder, batch, MessageLoad.ALL))) {
                if (m.structure() != null && MessageText.bodyContains(m.structure(), bytes(account, folder, m), needle)) {
                    matches.add(m.uid());
                }
            }
        }
        return matches;
    }

    /** The words of a string as the index splits and lower-cases them. */
    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static String escape(String word) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
