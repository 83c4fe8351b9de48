package org.meditwin.app.documents;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.meditwin.documents.DocumentEntity;
import org.meditwin.documents.DocumentPage;
import org.meditwin.documents.TextBox;

/**
 * What the viewer shows for one page: the page image (when it could be rendered), its text, and the
 * entities with the word boxes that cover each of them.
 */
record PageView(
    DocumentPage page, Optional<BufferedImage> image, List<Highlight> highlights, int pageCount) {

  /** One entity: its text span and the boxes (page fractions) drawn over the image. */
  record Highlight(DocumentEntity entity, List<TextBox> boxes) {}

  static List<Highlight> highlights(DocumentPage page, List<DocumentEntity> entities) {
    return entities.stream()
        .filter(e -> e.page() == page.page())
        .map(
            e ->
                new Highlight(
                    e,
                    page.boxes().stream()
                        .filter(b -> b.start() < e.end() && e.start() < b.end())
                        .toList()))
        .toList();
  }
}
