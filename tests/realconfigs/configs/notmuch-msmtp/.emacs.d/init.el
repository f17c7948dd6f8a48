;;; init.el --- -*- lexical-binding: t -*-

(setq user-full-name "Ruth Goldberg"
      user-mail-address "ruth@goldberg.family")

(autoload 'notmuch "notmuch" "notmuch mail" t)
(require 'notmuch)

(setq notmuch-search-oldest-first nil
      notmuch-show-all-tags-list t
      notmuch-archive-tags '("-inbox" "-unread" "+archived")
      notmuch-crypto-process-mime t
      notmuch-fcc-dirs '(("ruth@goldberg.family" . "goldberg/Sent +sent -inbox")
                         ("rgoldberg@hospital.org" . "hospital/Sent +sent -inbox")))

(setq notmuch-saved-searches
      '((:name "inbox" :query "tag:inbox" :key "i" :sort-order newest-first)
        (:name "todo" :query "tag:todo" :key "t")
        (:name "drafts" :query "tag:draft" :key "d")))

(setq notmuch-identities '("Ruth Goldberg <ruth@goldberg.family>"
                           "Ruth Goldberg <rgoldberg@hospital.org>"))

(setq mail-specify-envelope-from t
      message-sendmail-envelope-from 'header
      mail-envelope-from 'header)
(setq send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      sendmail-program "/usr/bin/msmtp"
      message-sendmail-extra-arguments '("--read-envelope-from")
      message-sendmail-f-is-evil t)

(define-key notmuch-search-mode-map "d"
  (lambda () "toggle deleted" (interactive)
    (notmuch-search-tag (list "+deleted" "-inbox"))))

(global-set-key (kbd "C-c n") #'notmuch)
(add-hook 'message-setup-hook #'mml-secure-sign-pgpmime)
