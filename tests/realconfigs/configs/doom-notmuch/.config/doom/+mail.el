;;; +mail.el -*- lexical-binding: t; -*-

(setq user-mail-address "dmitri@sokolov.email")

(setq sendmail-program "/usr/bin/msmtp"
      send-mail-function #'sendmail-send-it
      message-send-mail-function #'message-send-mail-with-sendmail
      mail-specify-envelope-from t
      message-sendmail-envelope-from 'header
      mail-envelope-from 'header)

(setq notmuch-fcc-dirs "sent +sent -unread"
      notmuch-saved-searches
      '((:name "inbox" :query "tag:inbox and not tag:archived" :key "i")
        (:name "flagged" :query "tag:flagged" :key "f")
        (:name "lists" :query "tag:lists and tag:unread" :key "l")))

(set-popup-rule! "^\\*notmuch-hello" :ignore t)
