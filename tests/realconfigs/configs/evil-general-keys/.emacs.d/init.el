;;; init.el -*- lexical-binding: t -*-

(require 'package)
(package-initialize)

(setq evil-want-keybinding nil
      evil-undo-system 'undo-redo)
(require 'evil)
(evil-mode 1)
(evil-set-initial-state 'mu4e-main-mode 'emacs)
(evil-set-initial-state 'notmuch-hello-mode 'emacs)

(require 'general)
(general-evil-setup t)
(general-define-key
 :states '(normal visual)
 :prefix "SPC"
 "m" '(:ignore t :which-key "mail")
 "mm" 'notmuch
 "mc" 'notmuch-mua-new-mail)

(setq user-mail-address "tariq@hassan.pk"
      user-full-name "Tariq Hassan")

(defhydra hydra-mail (:color blue)
  "mail"
  ("i" (notmuch-search "tag:inbox") "inbox")
  ("u" (notmuch-search "tag:unread") "unread"))

(setq-default flycheck-disabled-checkers '(emacs-lisp-checkdoc))
(add-to-list 'flycheck-disabled-checkers 'sh-shellcheck)
(add-to-list 'mm-attachment-override-types "image/.*")

(setq notmuch-search-oldest-first nil
      notmuch-always-prompt-for-sender t
      send-mail-function 'sendmail-send-it
      sendmail-program "msmtp"
      message-sendmail-f-is-evil t
      message-sendmail-extra-arguments '("--read-envelope-from"))
