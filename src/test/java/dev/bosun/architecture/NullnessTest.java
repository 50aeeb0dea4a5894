package dev.bosun.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of Bosun is {@code @NullMarked}: a type without {@code @Nullable} never holds
 * null, so a reader (and a nullness checker) need not guess at each parameter and return.
 */
class NullnessTest {

    @Test
    void everyPackageIsNullMarked() {
        JavaPackage root = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.bosun")
                .getPackage("dev.bosun");
        List<String> unmarked = Stream.concat(Stream.of(root), root.getSubpackagesInTree().stream())
                .filter(pkg -> !pkg.getClasses().isEmpty())
                .filter(pkg -> !pkg.isAnnotatedWith(NullMarked.class))
                .map(JavaPackage::getName)
                .sorted()
                .toList();

        assertThat(unmarked)
                .as("packages without @NullMarked in their package-info.java")
                .isEmpty();
    }
}
