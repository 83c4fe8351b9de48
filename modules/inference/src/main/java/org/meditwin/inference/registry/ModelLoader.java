package org.meditwin.inference.registry;

import java.nio.file.Path;
import org.meditwin.core.task.ProgressListener;

/** Turns a verified model folder into a usable object (encoder, head, generator...). */
@FunctionalInterface
public interface ModelLoader<T> {
  T load(ModelDescriptor descriptor, Path folder, ProgressListener progress) throws Exception;
}
