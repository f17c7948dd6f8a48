;;; init.el -*- lexical-binding: t -*-
;; Load every file in init.d/ in order.

(setq user-full-name "Raj Patel")

(let ((dir (expand-file-name "init.d" user-emacs-directory)))
  (when (file-directory-p dir)
    (dolist (file (directory-files dir t "^[0-9].*\\.el$"))
      (load file nil t))))

(setq smtpmail-queue-dir "~/.cache/emacs/queue")
