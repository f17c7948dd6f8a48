;;; init-elpa.el -*- lexical-binding: t -*-
(require 'package)
(setq package-user-dir (expand-file-name (format "elpa-%s.%s" emacs-major-version emacs-minor-version)
                                         user-emacs-directory))
(package-initialize)
(defun require-package (package &optional min-version no-refresh)
  "Install given PACKAGE, optionally requiring MIN-VERSION."
  (or (package-installed-p package min-version)
      (if (or (assoc package package-archive-contents) no-refresh)
          (package-install package)
        (progn
          (package-refresh-contents)
          (require-package package min-version t)))))
(provide 'init-elpa)
